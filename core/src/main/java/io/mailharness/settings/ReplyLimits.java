package io.mailharness.settings;

/**
 * What one server reply may hold before the harness gives up on it: a longer line, more lines or more
 * octets end the step with a KO and close the connection, so a broken or hostile server cannot exhaust the
 * harness's memory (an endless multi-line reply, a reply line without CRLF, a message that never ends).
 *
 * @param lineOctets  the longest reply line, line end excluded (any SMTP reply line, POP3 status or listing line, message line)
 * @param lines       the most lines in one multi-line reply (an SMTP reply, a POP3 listing such as UIDL)
 * @param replyOctets the most octets in one reply, the content of a RETR or TOP included
 */
public record ReplyLimits(int lineOctets, int lines, long replyOctets) {
    public static final int DEFAULT_LINE_OCTETS = 64 * 1024;
    public static final int DEFAULT_LINES = 100_000;
    public static final long DEFAULT_REPLY_OCTETS = 32L * 1024 * 1024;

    public ReplyLimits {
        if (lineOctets < 512) throw new IllegalArgumentException("a reply line limit below 512 octets would refuse RFC-conforming replies: " + lineOctets);
        if (lines < 1) throw new IllegalArgumentException("the reply line count limit must be positive: " + lines);
        if (replyOctets < lineOctets) throw new IllegalArgumentException("the reply limit must hold at least one line: " + replyOctets);
    }

    public static ReplyLimits defaults() {
        return new ReplyLimits(DEFAULT_LINE_OCTETS, DEFAULT_LINES, DEFAULT_REPLY_OCTETS);
    }
}
