package io.mailharness.client;

import io.mailharness.protocol.LineEndPolicy;
import io.mailharness.protocol.OctetLine;
import io.mailharness.protocol.OctetLineReader;
import io.mailharness.settings.ReplyLimits;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where every octet a server sends enters the client sessions: the reply lines, read with core's
 * {@link OctetLineReader} (a line ends at LF, a CR before it removed), within the target's
 * {@link ReplyLimits}. A line longer than the limit — noticed as soon as that many octets came without a
 * line end, not when the line ends — a reply with more lines or more octets than allowed, ends the reply
 * with a {@link MailProtocolException} naming the bound (the session then closes the connection), so
 * memory never grows with what a server sends.
 */
final class ReplyReader {
    private final ReplyLimits limits;
    private final OctetLineReader lines;
    private String step = "reply";
    private long replyOctets;
    private int replyLines;

    ReplyReader(InputStream in, ReplyLimits limits) {
        this.limits = limits;
        this.lines = new OctetLineReader(new LineBound(in, limits.lineOctets() + 1), LineEndPolicy.LF);
    }

    /** A new reply begins, answering {@code step}: its line and octet counts start at zero. */
    void startReply(String step) {
        this.step = step;
        replyOctets = 0;
        replyLines = 0;
    }

    /** The next line of a reply or listing, counted against the reply's line limit; null when the server closed first. */
    byte[] replyLine() throws IOException {
        byte[] line = readLine();
        if (line != null && ++replyLines > limits.lines()) throw bound("reply longer than " + limits.lines() + " lines");
        return line;
    }

    /** The next line of message content (RETR, TOP): bounded in length and by the reply's octets, not counted as a line. */
    byte[] contentLine() throws IOException {
        return readLine();
    }

    private byte[] readLine() throws IOException {
        OctetLine line;
        try {
            line = lines.readLine(limits.lineOctets());
        } catch (LineTooLong e) {
            throw bound("reply line longer than " + limits.lineOctets() + " octets");
        }
        if (line.endOfStream()) return null;
        replyOctets += line.wireLength();
        if (replyOctets > limits.replyOctets()) throw bound("reply longer than " + limits.replyOctets() + " octets");
        if (!line.terminated()) throw new EOFException("connection closed by the server in the middle of a line");
        return line.content();
    }

    private MailProtocolException bound(String problem) {
        return new MailProtocolException(step, problem, null);
    }

    /** More octets than a line may hold arrived without a line end. */
    private static final class LineTooLong extends IOException {
        LineTooLong() {
            super("line too long", null);
        }
    }

    /**
     * Stops the stream as soon as a run of octets without LF is longer than a line may be, before the line
     * reader would read the rest of it (a reader that must stay in step reads an overlong line to its end).
     */
    private static final class LineBound extends FilterInputStream {
        private final int maxRun;
        private int run;

        LineBound(InputStream in, int maxRun) {
            super(in);
            this.maxRun = maxRun;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count((byte) b);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) count(buffer[offset + i]);
            return n;
        }

        private void count(byte b) throws LineTooLong {
            if (b == '\n') {
                run = 0;
            } else if (++run > maxRun) {
                throw new LineTooLong();
            }
        }
    }
}
