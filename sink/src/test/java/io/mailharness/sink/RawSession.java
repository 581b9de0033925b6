package io.mailharness.sink;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A loopback connection on raw octets, for what a client library would smooth over (bare LFs, split writes, pipelining). */
final class RawSession implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    RawSession(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawSession send(String text) {
        return sendOctets(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawSession sendOctets(byte[] octets) {
        try {
            socket.getOutputStream().write(octets);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line without its CRLF; null at the end of the stream. */
    String line() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int previous = -1;
            for (int b; (b = in.read()) >= 0; previous = b) {
                if (previous == '\r' && b == '\n') {
                    byte[] octets = line.toByteArray();
                    return new String(octets, 0, octets.length - 1, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        } catch (SocketException e) {
            return null; // reset by the server: the same as the end of the stream here
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One SMTP reply, its lines joined by "\n"; null when the connection ended first. */
    String reply() {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line();
            if (line == null) return lines.isEmpty() ? null : String.join("\n", lines);
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') return String.join("\n", lines);
        }
    }

    /** The reply code of the next reply; -1 when the connection ended first. */
    int code() {
        String reply = reply();
        return reply == null ? -1 : Integer.parseInt(reply.substring(0, 3));
    }

    /**
     * The preamble of most raw exchanges: reads the greeting, then sends HELO, {@code MAIL FROM:<a@client.test>} and
     * {@code RCPT TO:<recipient>} in one write and checks their 250 replies; a mail transaction is then open.
     */
    RawSession inTransactionFor(String recipient) {
        expect(220);
        send("HELO client.test\r\nMAIL FROM:<a@client.test>\r\nRCPT TO:<" + recipient + ">\r\n");
        for (int i = 0; i < 3; i++) expect(250);
        return this;
    }

    private void expect(int code) {
        String reply = reply();
        if (reply == null || !reply.startsWith(String.valueOf(code))) throw new AssertionError("expected a " + code + " reply, got " + reply);
    }

    /** True when the server has closed the connection (read returns end of stream, or reset). */
    boolean closedByServer() {
        return line() == null;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket: nothing to do about it
        }
    }
}
