package io.mailharness.gatling.netty;

import io.mailharness.client.SmtpReply;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one SMTP reply (RFC 5321 §4.2) from its lines: a reply code, then "-" on every line but the last, then
 * " " or nothing. Lines past {@link ReplyLimits#replyLines()} end the connection; text past
 * {@link ReplyLimits#keptTextOctets()} is counted but not kept. Every line carries the reply's code; a line with another
 * code ends the connection, as the reply means nothing.
 */
final class SmtpReplyAssembler {
    private final ReplyLimits limits;
    private int code = -1;
    private int lines;
    /** The whole reply's octets so far, line ends counted: bounded even where each line and the line count are not reached. */
    private long replyOctets;
    private int keptOctets;
    private String firstLine;
    private List<String> moreLines;

    SmtpReplyAssembler(ReplyLimits limits) {
        this.limits = limits;
    }

    /** A line that is no SMTP reply line, or one line too many. */
    static final class Violation extends Exception {
        Violation(String problem) {
            super(problem, null, false, false);
        }
    }

    /** Takes one line; returns the reply when it was the last line, null when more lines follow. */
    SmtpReply line(ByteBuf in, int start, int length) throws Violation {
        if (length < 3 || !replyCode(in, start)) {
            throw new Violation("not an SMTP reply line: " + ConnectionFailure.shown(in.toString(start, Math.min(length, 80), StandardCharsets.ISO_8859_1)));
        }
        byte separator = length > 3 ? in.getByte(start + 3) : (byte) ' ';
        if (separator != ' ' && separator != '-') {
            throw new Violation("not an SMTP reply line: " + ConnectionFailure.shown(in.toString(start, Math.min(length, 80), StandardCharsets.ISO_8859_1)));
        }
        if (++lines > limits.replyLines()) throw new Violation("reply longer than " + limits.replyLines() + " lines");
        replyOctets += length + 2;
        if (replyOctets > limits.replyOctets()) throw new Violation("reply longer than " + limits.replyOctets() + " octets");
        int lineCode = (in.getByte(start) - '0') * 100 + (in.getByte(start + 1) - '0') * 10 + (in.getByte(start + 2) - '0');
        if (code < 0) code = lineCode;
        // RFC 5321 §4.2.1: every line of a reply has the same code. "250-queued" then "554 rejected" is no acceptance.
        else if (lineCode != code) throw new Violation("reply lines carry different codes: " + code + " then " + lineCode);
        if (keptOctets + length <= limits.keptTextOctets()) {
            keptOctets += length;
            String text = in.toString(start, length, StandardCharsets.ISO_8859_1);
            if (firstLine == null) firstLine = text;
            else {
                if (moreLines == null) moreLines = new ArrayList<>();
                moreLines.add(text);
            }
        }
        if (separator == '-') return null;
        SmtpReply reply = new SmtpReply(code, keptLines());
        reset();
        return reply;
    }

    private List<String> keptLines() {
        if (firstLine == null) return List.of();
        if (moreLines == null) return List.of(firstLine);
        List<String> all = new ArrayList<>(moreLines.size() + 1);
        all.add(firstLine);
        all.addAll(moreLines);
        return all;
    }

    private void reset() {
        code = -1;
        lines = 0;
        replyOctets = 0;
        keptOctets = 0;
        firstLine = null;
        moreLines = null;
    }

    /** Three digits, the first 2 to 5 (RFC 5321 §4.2.1: the reply classes). */
    private static boolean replyCode(ByteBuf in, int start) {
        byte a = in.getByte(start);
        byte b = in.getByte(start + 1);
        byte c = in.getByte(start + 2);
        return a >= '2' && a <= '5' && b >= '0' && b <= '9' && c >= '0' && c <= '9';
    }
}
