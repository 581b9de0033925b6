package io.mailharness.faultserver.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * A reply as it goes on the wire (RFC 5321 §4.2): the lines without CRLF, the nominal reply
 * code, and what the session does afterwards. Faults build malformed replies with {@link #raw}.
 */
public record SmtpReply(int code, List<String> lines, After after) {

    /** What the session does once the reply is written. */
    public enum After {
        CONTINUE,
        /** Close the connection (after 221, 421, or a fault). */
        CLOSE,
        /** Send nothing more and read nothing more; the connection stays open until the server closes. */
        STALL
    }

    public SmtpReply {
        lines = List.copyOf(lines);
    }

    /** A well-formed reply: {@code ddd-text} on all lines but the last, {@code ddd text} on the last. */
    public static SmtpReply of(int code, String... texts) {
        if (texts.length == 0) {
            texts = new String[] {""};
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            String separator = i == texts.length - 1 ? " " : "-";
            lines.add(code + separator + texts[i]);
        }
        return new SmtpReply(code, lines, After.CONTINUE);
    }

    /** Lines sent exactly as given (each followed by CRLF), for malformed replies. */
    public static SmtpReply raw(int code, String... wireLines) {
        return new SmtpReply(code, List.of(wireLines), After.CONTINUE);
    }

    /** No reply at all, and the session stops answering. */
    public static SmtpReply stall() {
        return new SmtpReply(0, List.of(), After.STALL);
    }

    public SmtpReply thenClose() {
        return new SmtpReply(code, lines, After.CLOSE);
    }

    public SmtpReply thenContinue() {
        return new SmtpReply(code, lines, After.CONTINUE);
    }

    public SmtpReply withLines(List<String> newLines) {
        return new SmtpReply(code, newLines, after);
    }

    /** The text of each line, after the reply code and separator. */
    public List<String> texts() {
        return lines.stream().map(l -> l.length() > 4 ? l.substring(4) : "").toList();
    }

    public boolean isPositiveCompletion() {
        return code >= 200 && code < 300;
    }
}
