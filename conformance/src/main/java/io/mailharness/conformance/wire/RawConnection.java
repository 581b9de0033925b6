package io.mailharness.conformance.wire;

import io.mailharness.client.CredentialMask;
import io.mailharness.client.TlsTrust;
import io.mailharness.client.Transcript;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.TlsSettings;

import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A socket that sends exactly the octets it is given and reads server lines without interpreting them.
 * Every read is bounded by a timeout; "nothing arrives within X" is a bounded read, never a sleep.
 * Everything sent and received goes into a {@link Transcript}, client lines through a {@link CredentialMask}.
 */
public final class RawConnection implements AutoCloseable {
    /** Longest line kept; longer lines are read to their end and flagged. */
    static final int MAX_LINE = 64 * 1024;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final Transcript transcript;
    private final CredentialMask mask = new CredentialMask();
    private final Duration readTimeout;
    private boolean peerClosed;

    private RawConnection(Socket socket, Transcript transcript, Duration readTimeout) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.transcript = transcript;
        this.readTimeout = readTimeout;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(millis(readTimeout));
    }

    /** Opens a connection; with {@code implicitTls} the TLS handshake is done first. */
    public static RawConnection open(Endpoint endpoint, boolean implicitTls, TlsSettings tls, Duration connectTimeout,
                                     Duration readTimeout, Transcript transcript) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), millis(connectTimeout));
            if (implicitTls) {
                SSLSocket secured = (SSLSocket) TlsTrust.sslContext(tls).getSocketFactory()
                        .createSocket(socket, endpoint.host(), endpoint.port(), true);
                secured.setSoTimeout(millis(readTimeout));
                secured.startHandshake();
                socket = secured;
            }
            transcript.note("connected to " + endpoint + (implicitTls ? " (TLS)" : ""));
            return new RawConnection(socket, transcript, readTimeout);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the connection never came up
            }
            throw e;
        }
    }

    /**
     * Layers TLS over the connection (after a 220 to STARTTLS or +OK to STLS). Octets the server sent
     * ahead of the handshake and not yet read are dropped and noted.
     */
    public void startTls(TlsSettings tls, String host, int port) throws IOException {
        int pending = in.available();
        if (pending > 0) transcript.note(pending + " octets received before the TLS handshake, dropped");
        SSLSocket secured = (SSLSocket) TlsTrust.sslContext(tls).getSocketFactory().createSocket(socket, host, port, true);
        secured.setSoTimeout(millis(readTimeout));
        secured.startHandshake();
        socket = secured;
        in = new BufferedInputStream(secured.getInputStream());
        out = secured.getOutputStream();
        transcript.note("TLS handshake completed (" + secured.getSession().getProtocol() + ")");
    }

    public Transcript transcript() {
        return transcript;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /** Writes the octets exactly as given and records them, one transcript entry per line. */
    public void send(byte[] octets) throws IOException {
        recordClient(octets);
        out.write(octets);
        out.flush();
    }

    /** Writes the text as ISO-8859-1 octets, exactly (no CRLF is added). */
    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads one line (up to LF) within the read timeout. */
    public WireLine readLine() {
        return readLine(readTimeout);
    }

    /**
     * Reads one line within {@code limit} (also the bound on a server that trickles octets without ever ending
     * the line); a line cut by close or timeout says so in its ending.
     */
    public WireLine readLine(Duration limit) {
        ByteArrayOutputStream content = new ByteArrayOutputStream(128);
        boolean tooLong = false;
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            socket.setSoTimeout(millis(limit));
            while (true) { // ends at LF, close, the per-read timeout, or the deadline
                if (System.nanoTime() > deadline) {
                    return record(new WireLine(content.toByteArray(), WireLine.Ending.TIMEOUT));
                }
                int b = peerClosed ? -1 : in.read();
                if (b < 0) {
                    peerClosed = true;
                    return record(new WireLine(content.toByteArray(), WireLine.Ending.CLOSED));
                }
                if (b == '\n') {
                    byte[] bytes = content.toByteArray();
                    if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
                        return record(new WireLine(java.util.Arrays.copyOf(bytes, bytes.length - 1),
                                tooLong ? WireLine.Ending.TOO_LONG : WireLine.Ending.CRLF));
                    }
                    return record(new WireLine(bytes, tooLong ? WireLine.Ending.TOO_LONG : WireLine.Ending.BARE_LF));
                }
                if (content.size() < MAX_LINE) content.write(b);
                else tooLong = true;
            }
        } catch (SocketTimeoutException e) {
            return record(new WireLine(content.toByteArray(), WireLine.Ending.TIMEOUT));
        } catch (IOException e) {
            peerClosed = true;
            transcript.note("read failed: " + e.getMessage());
            return record(new WireLine(content.toByteArray(), WireLine.Ending.CLOSED));
        } finally {
            restoreTimeout();
        }
    }

    /**
     * Waits at most {@code limit} for any octet. Returns what arrived (everything available at that point),
     * or empty when nothing came and the connection stayed open. A close by the server counts as arrival of
     * nothing but is remembered ({@link #isClosedByPeer()}).
     */
    public Optional<byte[]> awaitAnyOctets(Duration limit) {
        try {
            socket.setSoTimeout(millis(limit));
            int b = peerClosed ? -1 : in.read();
            if (b < 0) {
                peerClosed = true;
                transcript.note("server closed the connection");
                return Optional.empty();
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            got.write(b);
            int more = Math.min(in.available(), MAX_LINE);
            for (int i = 0; i < more; i++) got.write(in.read());
            byte[] octets = got.toByteArray();
            transcript.server(new String(octets, StandardCharsets.ISO_8859_1));
            return Optional.of(octets);
        } catch (SocketTimeoutException e) {
            transcript.note("nothing arrived within " + limit.toMillis() + " ms");
            return Optional.empty();
        } catch (IOException e) {
            peerClosed = true;
            transcript.note("read failed: " + e.getMessage());
            return Optional.empty();
        } finally {
            restoreTimeout();
        }
    }

    /**
     * Waits at most {@code limit} for the server to close the connection, reading (and recording) whatever it
     * still sends; bounded by time and by octets. True when the server closed it.
     */
    public boolean awaitClose(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (int octets = 0; octets < MAX_LINE; ) {
            if (peerClosed) return true;
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            Optional<byte[]> got = awaitAnyOctets(Duration.ofNanos(Math.max(left, 1_000_000)));
            if (got.isEmpty() && !peerClosed) return false;
            octets += got.map(g -> g.length).orElse(0);
        }
        return peerClosed;
    }

    /** True once a read found the end of the stream (or a reset). */
    public boolean isClosedByPeer() {
        return peerClosed;
    }

    public void note(String text) {
        transcript.note(text);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private WireLine record(WireLine line) {
        if (line.content().length > 0 || line.ending() == WireLine.Ending.CRLF || line.ending() == WireLine.Ending.BARE_LF) {
            String end = switch (line.ending()) {
                case CRLF -> "\r\n";
                case BARE_LF -> "\n";
                default -> "";
            };
            String text = line.text() + end;
            mask.serverLine(text);
            transcript.server(text);
        }
        switch (line.ending()) {
            case CLOSED -> transcript.note("server closed the connection");
            case TIMEOUT -> transcript.note("no complete line within the read timeout");
            case TOO_LONG -> transcript.note("line longer than " + MAX_LINE + " octets");
            default -> { }
        }
        return line;
    }

    private void recordClient(byte[] octets) {
        String text = new String(octets, StandardCharsets.ISO_8859_1);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                transcript.client(mask.clientLine(text.substring(start, i + 1)));
                start = i + 1;
            }
        }
        if (start < text.length()) transcript.client(mask.clientLine(text.substring(start)));
    }

    private void restoreTimeout() {
        try {
            if (!socket.isClosed()) socket.setSoTimeout(millis(readTimeout));
        } catch (IOException ignored) {
            // the next read reports the broken socket
        }
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
