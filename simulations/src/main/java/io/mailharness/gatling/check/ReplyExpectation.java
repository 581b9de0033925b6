package io.mailharness.gatling.check;

import io.mailharness.client.Pop3Reply;
import io.mailharness.client.SmtpReply;

/**
 * What a stage expects of the server's reply: one reply code (e.g. 354 for DATA) or one reply class
 * (2 for any 2xx, the default). Anything else is a KO whose message starts with the class and carries
 * the code and enhanced status code as the server sent them, e.g. {@code 5xx 550 5.1.1 <x@y>: unknown user}.
 */
public record ReplyExpectation(int code, int replyClass) {
    public static ReplyExpectation positiveCompletion() {
        return new ReplyExpectation(0, 2);
    }

    public static ReplyExpectation code(int code) {
        if (code < 200 || code > 599) throw new IllegalArgumentException("not an SMTP reply code: " + code);
        return new ReplyExpectation(code, code / 100);
    }

    public static ReplyExpectation replyClass(int replyClass) {
        if (replyClass < 2 || replyClass > 5) throw new IllegalArgumentException("not an SMTP reply class: " + replyClass);
        return new ReplyExpectation(0, replyClass);
    }

    public boolean matches(SmtpReply reply) {
        return code != 0 ? reply.code() == code : reply.replyClass() == replyClass;
    }

    /**
     * OK when the reply matches; else a KO of the reply's class (4xx, 5xx; a 421 anywhere is 4xx, the
     * server closing) carrying the code, the enhanced status code and the text as sent.
     */
    public Outcome judge(SmtpReply reply) {
        if (matches(reply)) return Outcome.ok(reply.code());
        String code = Integer.toString(reply.code());
        String errorClass = reply.replyClass() >= 2 && reply.replyClass() <= 5 ? reply.replyClass() + "xx" : "protocol";
        String expected = reply.replyClass() < 4 ? (this.code != 0 ? " (expected " + this.code + ")" : " (expected " + replyClass + "xx)") : "";
        String closing = reply.code() == 421 ? " (service closing)" : "";
        String enhanced = reply.enhancedStatusCode().orElse(null);
        String first = reply.firstLine();
        String text = first.length() > 4 ? first.substring(4).strip() : "";
        if (enhanced != null && text.startsWith(enhanced)) text = text.substring(enhanced.length()).strip();
        return Outcome.ko(errorClass, code, enhanced, errorClass + " " + code + (enhanced == null ? "" : " " + enhanced), text, expected + closing);
    }

    /** POP3 has only +OK and -ERR: -ERR is a KO whose message starts with "-ERR" and its response code in brackets (RFC 2449), if any. */
    public static Outcome judge(Pop3Reply reply) {
        if (reply.isOk()) return Outcome.ok("+OK");
        String line = reply.statusLine();
        if (line.isEmpty()) return Outcome.ko("protocol", null, "protocol: no status line");
        if (!line.startsWith("-ERR")) return Outcome.ko("protocol", null, null, "protocol: not a POP3 status line:", line);
        java.util.regex.Matcher m = POP3_RESPONSE_CODE.matcher(line);
        String code = m.find() ? m.group(1) : null;
        String rest = m.find(0) ? line.substring(m.end()).strip() : line.substring(4).strip();
        return Outcome.ko("-ERR", "-ERR", code, code == null ? "-ERR" : "-ERR [" + code + "]", rest);
    }

    /** A response code at the start of the text: {@code -ERR [SYS/TEMP] …} (RFC 2449 §8, RFC 3206). */
    private static final java.util.regex.Pattern POP3_RESPONSE_CODE = java.util.regex.Pattern.compile("^-ERR \\[([A-Za-z0-9/-]+)\\]");

    @Override
    public String toString() {
        return code != 0 ? Integer.toString(code) : replyClass + "xx";
    }
}
