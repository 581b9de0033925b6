package io.mailharness.conformance.wire;

import io.mailharness.client.CredentialMask;
import io.mailharness.client.TlsTrust;
import io.mailharness.client.Transcript;
import io.mailharness.protocol.LineEndPolicy;
import io.mailharness.protocol.OctetLine;
import io.mailharness.protocol.OctetLineReader;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.TlsSettings;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A socket that sends exactly the octets it is given and reads server lines without interpreting them (core's
 * {@link OctetLineReader} with lines ending at LF). Every read is bounded by a timeout; "nothing arrives within X" is a bounded read, never a sleep.
 * Everything sent and received goes into a {@link Transcript}, client lines through a {@link CredentialMask}.
 */
public final class RawConnection implements AutoCloseable {
    /** Longest line kept; longer lines are read to their end and flagged. */
    static final int MAX_LINE = 64 * 1024;

    private Socket socket;
    private OctetLineReader in;
    private OutputStream out;
    private final Transcript transcript;
    private final CredentialMask mask = new CredentialMask();
    private final Duration readTimeout;
    private boolean peerClosed;

    private RawConnection(Socket socket, Transcript transcript, Duration readTimeout) throws IOException {
        this.socket = socket;
        this.in = reader(socket);
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
            if (implicitTls) socket = handshake(socket, tls, endpoint.host(), endpoint.port(), readTimeout);
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
        int pending = in.buffered() + socket.getInputStream().available();
        if (pending > 0) transcript.note(pending + " octets received before the TLS handshake, dropped");
        SSLSocket secured = handshake(socket, tls, host, port, readTimeout);
        socket = secured;
        in = reader(secured);
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
     * Reads one line within {@code limit} (a deadline for the whole line, so a server that trickles octets
     * without ever ending the line cannot stretch it); a line cut by close or timeout says so in its ending.
     */
    public WireLine readLine(Duration limit) {
        OctetLine line = in.readLine(MAX_LINE, limit);
        if (in.ended()) peerClosed = true;
        restoreTimeout();
        WireLine.Ending ending = switch (line.ending()) {
            case CRLF -> line.overflow() ? WireLine.Ending.TOO_LONG : WireLine.Ending.CRLF;
            case BARE_LF -> line.overflow() ? WireLine.Ending.TOO_LONG : WireLine.Ending.BARE_LF;
            case CLOSED -> WireLine.Ending.CLOSED;
            case TIMEOUT -> WireLine.Ending.TIMEOUT;
        };
        return record(new WireLine(line.content(), ending));
    }

    /** Bounds for one reply from now: its deadline (the read timeout, for the whole reply) and its octets. */
    public ReplyBounds replyBounds(long maxOctets) {
        return new ReplyBounds(System.nanoTime() + readTimeout.toNanos(), maxOctets);
    }

    /**
     * Reads the next line of a reply within the reply's bounds. A server that drips a reply line by line cannot
     * stretch it past its deadline (the line then ends TIMEOUT). Once the reply has used its octets, the reply is
     * abandoned: a TOO_LONG line is returned and the connection closed, since nothing read after a cut reply could
     * be told from the next one.
     */
    public WireLine readLine(ReplyBounds bounds) {
        if (bounds.octets >= bounds.maxOctets) return abandon("reply longer than " + bounds.maxOctets + " octets");
        long left = bounds.deadline - System.nanoTime();
        WireLine line = left > 0 ? readLine(Duration.ofNanos(left)) : record(new WireLine(new byte[0], WireLine.Ending.TIMEOUT));
        bounds.octets += line.content().length + 2;
        return line;
    }

    /** Ends a reply that broke a bound of the reader's ({@code why}): noted, the connection closed, a TOO_LONG line returned. */
    public WireLine abandon(String why) {
        transcript.note(why + ": reading stopped, connection closed");
        close();
        peerClosed = true;
        return new WireLine(new byte[0], WireLine.Ending.TOO_LONG);
    }

    /** One reply's deadline and octet budget; see {@link #replyBounds}. */
    public static final class ReplyBounds {
        private final long deadline;
        private final long maxOctets;
        private long octets;

        private ReplyBounds(long deadline, long maxOctets) {
            this.deadline = deadline;
            this.maxOctets = maxOctets;
        }
    }

    /**
     * Waits at most {@code limit} for any octet. Returns what arrived (everything available at that point),
     * or empty when nothing came and the connection stayed open. A close by the server counts as arrival of
     * nothing but is remembered ({@link #isClosedByPeer()}).
     */
    public Optional<byte[]> awaitAnyOctets(Duration limit) {
        byte[] octets = peerClosed ? null : in.awaitOctets(limit, MAX_LINE);
        restoreTimeout();
        if (octets == null) {
            peerClosed = true;
            transcript.note("server closed the connection");
            return Optional.empty();
        }
        if (octets.length == 0) {
            transcript.note("nothing arrived within " + limit.toMillis() + " ms");
            return Optional.empty();
        }
        transcript.server(new String(octets, StandardCharsets.ISO_8859_1));
        return Optional.of(octets);
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

    /** True when octets have arrived that no read has taken yet (no waiting). */
    public boolean hasUnreadOctets() {
        try {
            return in.buffered() > 0 || socket.getInputStream().available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails unless the server closes the connection within {@code limit}. */
    public void expectClosed(String step, Duration limit) {
        if (!awaitClose(limit)) {
            throw new CheckFailure(step, "the server closes the connection", "still open after " + limit.toMillis() + " ms");
        }
    }

    /** Sends QUIT if the connection is still open (the answer is read but not judged) and closes the socket. */
    public void quitQuietly() {
        if (!peerClosed) {
            try {
                send("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                readLine(Duration.ofMillis(500));
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // the server may already be gone
            }
        }
        close();
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

    /**
     * Layers TLS over a connected socket and completes the handshake. With {@code tls.verify} the certificate must
     * chain to a trusted one and name the host (endpoint identification, as the load clients check it).
     */
    private static SSLSocket handshake(Socket socket, TlsSettings tls, String host, int port, Duration readTimeout) throws IOException {
        SSLSocket secured = (SSLSocket) TlsTrust.sslContext(tls).getSocketFactory().createSocket(socket, host, port, true);
        if (tls.verify()) {
            SSLParameters parameters = secured.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secured.setSSLParameters(parameters);
        }
        secured.setSoTimeout(millis(readTimeout));
        secured.startHandshake();
        return secured;
    }

    /** Server lines end at LF, so a bare LF is seen and judged; CRLF or not is in each line's ending. */
    private static OctetLineReader reader(Socket socket) throws IOException {
        return new OctetLineReader(socket.getInputStream(), LineEndPolicy.LF, millis -> {
            try {
                socket.setSoTimeout(millis);
            } catch (IOException e) {
                // the next read reports the broken socket
            }
        });
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
