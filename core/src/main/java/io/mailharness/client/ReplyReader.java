package io.mailharness.client;

import io.mailharness.settings.ReplyLimits;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Where every octet a server sends enters the client sessions: reads reply lines within the target's
 * {@link ReplyLimits}. A line longer than the limit, a reply with more lines or octets than allowed, ends
 * the reply with a {@link MailProtocolException} naming the bound (the session then closes the connection),
 * so memory never grows with what a server sends. A line ends with LF; a CR before it is removed.
 */
final class ReplyReader {
    private final InputStream in;
    private final ReplyLimits limits;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int end;
    private byte[] line = new byte[256];
    private String step = "reply";
    private long replyOctets;
    private int replyLines;

    ReplyReader(InputStream in, ReplyLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    ReplyLimits limits() {
        return limits;
    }

    /** A new reply begins, answering {@code step}: its line and octet counts start at zero. */
    void startReply(String step) {
        this.step = step;
        replyOctets = 0;
        replyLines = 0;
    }

    /** The next line of a reply or listing, counted against the reply's line limit; null when the server closed first. */
    byte[] replyLine() throws IOException {
        byte[] l = readLine();
        if (l != null && ++replyLines > limits.lines()) throw bound("reply longer than " + limits.lines() + " lines");
        return l;
    }

    /** The next line of message content (RETR, TOP): bounded in length and by the reply's octets, not counted as a line. */
    byte[] contentLine() throws IOException {
        return readLine();
    }

    private byte[] readLine() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == end && !fill()) {
                if (!any) return null;
                throw new EOFException("connection closed by the server in the middle of a line");
            }
            any = true;
            byte b = buffer[position++];
            if (++replyOctets > limits.replyOctets()) throw bound("reply longer than " + limits.replyOctets() + " octets");
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') length--;
                return Arrays.copyOf(line, length);
            }
            // content up to the limit, and room for the CR of the line end
            if (length > limits.lineOctets() || (length == limits.lineOctets() && b != '\r')) {
                throw bound("reply line longer than " + limits.lineOctets() + " octets");
            }
            if (length == line.length) line = Arrays.copyOf(line, Math.min(line.length * 2, limits.lineOctets() + 1));
            line[length++] = b;
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) return false;
        position = 0;
        end = n;
        return true;
    }

    private MailProtocolException bound(String problem) {
        return new MailProtocolException(step, problem, null);
    }
}
