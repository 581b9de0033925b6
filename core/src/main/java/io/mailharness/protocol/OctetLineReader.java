package io.mailharness.protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The one octet line reader of both sides: lines end as the {@link LineEndPolicy} says, a line keeps at most a
 * bound of octets (the rest is read and dropped, so the reader stays in step), and counted octets (BDAT chunks)
 * come from the same buffer. The reader owns its buffer, so a caller can see what the peer sent ahead and drop it
 * (plaintext before a TLS handshake must never be executed).
 *
 * <p>A read may carry a deadline for the whole line: before each blocking read the remaining time is handed to the
 * socket (the {@code readTimeout} hook), so a peer trickling octets cannot stretch a line past it.
 */
public final class OctetLineReader {
    private static final int BUFFER_SIZE = 8192;

    private final InputStream in;
    private final LineEndPolicy policy;
    private final IntConsumer readTimeout;
    private byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private boolean ended;

    /**
     * @param in          the octets
     * @param policy      which octets end a line
     * @param readTimeout sets the timeout of the next blocking read in milliseconds (a socket's
     *                    {@code setSoTimeout}); only reads with a deadline call it
     */
    public OctetLineReader(InputStream in, LineEndPolicy policy, IntConsumer readTimeout) {
        this.in = in;
        this.policy = policy;
        this.readTimeout = readTimeout;
    }

    /** A reader whose reads have no deadline of their own (the stream's own timeout, if any, applies). */
    public OctetLineReader(InputStream in, LineEndPolicy policy) {
        this(in, policy, millis -> { });
    }

    public LineEndPolicy policy() {
        return policy;
    }

    /**
     * Reads one line, keeping at most {@code maxContent} octets, with no deadline: a timeout of the stream
     * itself is thrown as {@link SocketTimeoutException}.
     */
    public OctetLine readLine(int maxContent) throws IOException {
        return read(maxContent, Long.MAX_VALUE, policy);
    }

    /** {@link #readLine(int)} under another line-end policy for this one line (a faulty server's odd framing). */
    public OctetLine readLine(int maxContent, LineEndPolicy thisLine) throws IOException {
        return read(maxContent, Long.MAX_VALUE, thisLine);
    }

    /**
     * Reads one line within {@code wait} for the whole line; a line cut by the deadline ends {@code TIMEOUT},
     * one cut by the peer's close or a broken connection ends {@code CLOSED}.
     */
    public OctetLine readLine(int maxContent, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            return read(maxContent, deadline, policy);
        } catch (IOException e) {
            ended = true;
            return new OctetLine(new byte[0], OctetLine.Ending.CLOSED, 0, false, false, false);
        }
    }

    private OctetLine read(int maxContent, long deadline, LineEndPolicy policy) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream(Math.min(maxContent, 256) + 2);
        long wireLength = 0;
        boolean bareCr = false;
        boolean bareLf = false;
        boolean overflow = false;
        int previous = -1;
        while (true) {
            int b;
            try {
                b = next(deadline);
            } catch (SocketTimeoutException e) {
                if (deadline == Long.MAX_VALUE) throw e;
                b = -2;
            }
            if (b == -2) return new OctetLine(content.toByteArray(), OctetLine.Ending.TIMEOUT, wireLength, bareCr, bareLf, overflow);
            if (b < 0) return new OctetLine(content.toByteArray(), OctetLine.Ending.CLOSED, wireLength, bareCr, bareLf, overflow);
            wireLength++;
            if (b == '\n' && policy == LineEndPolicy.LF) {
                byte[] octets = content.toByteArray();
                if (previous == '\r') {
                    int kept = overflow ? octets.length : octets.length - 1;
                    return new OctetLine(Arrays.copyOf(octets, kept), OctetLine.Ending.CRLF, wireLength,
                            hasBareCr(octets, kept), false, overflow);
                }
                return new OctetLine(octets, OctetLine.Ending.BARE_LF, wireLength, bareCr, false, overflow);
            }
            if (b == '\r' && policy == LineEndPolicy.CRLF_ONLY) {
                if (peek(deadline) == '\n') {
                    next(deadline);
                    return new OctetLine(content.toByteArray(), OctetLine.Ending.CRLF, wireLength + 1, bareCr, bareLf, overflow);
                }
                bareCr = true;
            } else if (b == '\r') {
                bareCr = true; // under LF it may still turn out to precede the LF; settled at the line end
            } else if (b == '\n') {
                bareLf = true;
            }
            if (content.size() < maxContent) content.write(b);
            else overflow = true;
            previous = b;
        }
    }

    private static boolean hasBareCr(byte[] octets, int length) {
        for (int i = 0; i < length; i++) if (octets[i] == '\r') return true;
        return false;
    }

    /**
     * Waits at most {@code wait} for octets and returns every octet buffered then (at most {@code max}), an empty
     * array when none came in time, or null when the stream has ended.
     */
    public byte[] awaitOctets(Duration wait, int max) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (position == limit && !fill(deadline)) return ended ? null : new byte[0];
        } catch (SocketTimeoutException e) {
            return new byte[0];
        } catch (IOException e) {
            ended = true;
            return null;
        }
        int n = Math.min(max, this.limit - position);
        byte[] octets = Arrays.copyOfRange(buffer, position, position + n);
        position += n;
        return octets;
    }

    /** Copies exactly {@code count} octets to {@code sink} (which may discard them). */
    public void readExactly(long count, OutputStream sink) throws IOException {
        long remaining = count;
        while (remaining > 0) {
            if (position == limit && !fill(Long.MAX_VALUE)) {
                throw new EOFException("connection closed with " + remaining + " octets outstanding");
            }
            int n = (int) Math.min(remaining, limit - position);
            sink.write(buffer, position, n);
            position += n;
            remaining -= n;
        }
    }

    /** Octets the peer sent that have been read from the stream but not yet consumed. */
    public int buffered() {
        return limit - position;
    }

    /** Drops read-ahead octets. */
    public void discardBuffered() {
        position = limit;
    }

    /** True once the stream has ended (or broken). */
    public boolean ended() {
        return ended;
    }

    /** Puts octets back in front of the unread input (a faulty server re-reading what it took as data). */
    public void unread(byte[] octets) {
        byte[] joined = new byte[octets.length + limit - position];
        System.arraycopy(octets, 0, joined, 0, octets.length);
        System.arraycopy(buffer, position, joined, octets.length, limit - position);
        buffer = joined;
        position = 0;
        limit = joined.length;
    }

    /** The next octet, -1 at the end of the stream, -2 when the deadline has passed. */
    private int next(long deadline) throws IOException {
        if (position == limit && !fill(deadline)) return ended ? -1 : -2;
        return buffer[position++] & 0xFF;
    }

    private int peek(long deadline) throws IOException {
        if (position == limit && !fill(deadline)) return -1;
        return buffer[position] & 0xFF;
    }

    /** Reads more octets; false at the end of the stream (ended set) or when the deadline has passed. */
    private boolean fill(long deadline) throws IOException {
        if (ended) return false;
        if (deadline != Long.MAX_VALUE) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            readTimeout.accept((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
        }
        if (buffer.length < BUFFER_SIZE) buffer = new byte[BUFFER_SIZE];
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            ended = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
