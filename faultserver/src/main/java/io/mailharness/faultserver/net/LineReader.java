package io.mailharness.faultserver.net;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads CRLF-terminated lines and counted octets from raw bytes. Owns its buffer so the
 * session can tell what the client sent ahead of a reply (STARTTLS / STLS must discard it).
 */
public final class LineReader {

    private final InputStream in;
    private static final int BUFFER_SIZE = 8192;

    private byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;

    public LineReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads up to the next CRLF. Keeps at most {@code maxContent} octets; longer lines are
     * consumed to their end and flagged as overflow, so the session stays in step.
     *
     * @return the line, or {@code null} when the connection closed before any octet
     */
    public Line readLine(int maxContent) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream(Math.min(maxContent, 256) + 2);
        long wireLength = 0;
        boolean bareCr = false;
        boolean bareLf = false;
        boolean overflow = false;
        while (true) {
            int b = next();
            if (b < 0) {
                if (wireLength == 0) {
                    return null;
                }
                return new Line(content.toByteArray(), wireLength, bareCr, bareLf, overflow, false);
            }
            wireLength++;
            if (b == '\r') {
                if (peek() == '\n') {
                    next();
                    wireLength++;
                    return new Line(content.toByteArray(), wireLength, bareCr, bareLf, overflow, true);
                }
                bareCr = true;
            } else if (b == '\n') {
                bareLf = true;
            }
            if (content.size() < maxContent) {
                content.write(b);
            } else {
                overflow = true;
            }
        }
    }

    /** Copies exactly {@code count} octets to {@code sink} (which may discard them). */
    public void readExactly(long count, OutputStream sink) throws IOException {
        long remaining = count;
        while (remaining > 0) {
            if (position == limit && !fill()) {
                throw new EOFException("connection closed with " + remaining + " octets outstanding");
            }
            int n = (int) Math.min(remaining, limit - position);
            sink.write(buffer, position, n);
            position += n;
            remaining -= n;
        }
    }

    /** Octets the client sent that have been read from the socket but not yet consumed. */
    public int buffered() {
        return limit - position;
    }

    /** Drops read-ahead octets: plaintext sent before a TLS handshake must never be executed. */
    public void discardBuffered() {
        position = limit;
    }

    private int next() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position] & 0xFF;
    }

    /**
     * Puts octets back in front of the unread input. Only faulty variants need it: a server that
     * takes {@code LF.LF} as end-of-data reads what follows as commands.
     */
    public void unread(byte[] octets) {
        byte[] joined = new byte[octets.length + limit - position];
        System.arraycopy(octets, 0, joined, 0, octets.length);
        System.arraycopy(buffer, position, joined, octets.length, limit - position);
        buffer = joined;
        position = 0;
        limit = joined.length;
    }

    private boolean fill() throws IOException {
        if (buffer.length < BUFFER_SIZE) {
            buffer = new byte[BUFFER_SIZE];
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
