package io.mailharness.faultserver;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A test client on raw bytes: no library rewrites line ends or dots behind our back. */
final class RawClient implements AutoCloseable {

    private static final int TIMEOUT_MS = 5000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawClient(String host, int port) {
        try {
            socket = new Socket(host, port);
            socket.setSoTimeout(TIMEOUT_MS);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawClient smtp(FaultyMailServer server) {
        return new RawClient(server.host(), server.smtpPort());
    }

    static RawClient pop3(FaultyMailServer server) {
        return new RawClient(server.host(), server.pop3Port());
    }

    void send(String text) {
        sendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line without its CRLF; null at end of stream. Fails on a bare LF. */
    String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
                        throw new AssertionError("bare LF from server after: " + line);
                    }
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one SMTP reply: lines up to one whose fourth character is not '-'. */
    List<String> readReply() {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new AssertionError("connection closed; reply so far: " + lines);
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return lines;
            }
        }
    }

    /** Sends a command line and returns the reply lines. */
    List<String> command(String line) {
        send(line + "\r\n");
        return readReply();
    }

    /** Sends a command line and returns the last reply line (holds the code and final text). */
    String cmd(String line) {
        List<String> reply = command(line);
        return reply.getLast();
    }

    /** Reads the body of a POP3 multi-line response, still byte-stuffed, without the ".CRLF" line. */
    byte[] readMultilineBody() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("connection closed inside a multi-line response");
                }
                line.write(b);
                byte[] l = line.toByteArray();
                int n = l.length;
                if (n >= 2 && l[n - 2] == '\r' && l[n - 1] == '\n') {
                    if (n == 3 && l[0] == '.') {
                        return body.toByteArray();
                    }
                    body.writeBytes(l);
                    line.reset();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POP3: sends a command and reads the status line. */
    String pop(String line) {
        send(line + "\r\n");
        return readLine();
    }

    /** POP3: sends a command, checks +OK and returns the multi-line body as text (still stuffed). */
    String popMulti(String line) {
        String status = pop(line);
        if (!status.startsWith("+OK")) {
            throw new AssertionError(line + " -> " + status);
        }
        return new String(readMultilineBody(), StandardCharsets.UTF_8);
    }

    /** True if the server closes the connection (end of stream or reset) within the client timeout. */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** True if nothing arrives within {@code wait} while the connection stays open. */
    boolean silentFor(Duration wait) {
        try {
            socket.setSoTimeout((int) wait.toMillis());
            int b = in.read();
            return false; // data or end of stream
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                socket.setSoTimeout(TIMEOUT_MS);
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    /** Bytes available without blocking, for "no unsolicited reply" checks after a reply. */
    int pending() {
        try {
            return in.available();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Switches to TLS, trusting the server's self-signed certificate. */
    void startTls() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.setSoTimeout(TIMEOUT_MS);
            tls.startHandshake();
            socket = tls;
            in = new BufferedInputStream(tls.getInputStream());
            out = tls.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // test is over
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
