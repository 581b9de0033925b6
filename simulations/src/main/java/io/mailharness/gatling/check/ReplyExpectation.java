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

    public Outcome judge(SmtpReply reply) {
        String code = Integer.toString(reply.code());
        if (matches(reply)) return Outcome.ok(code);
        String errorClass = reply.replyClass() >= 2 && reply.replyClass() <= 5 ? reply.replyClass() + "xx" : "protocol";
        String expected = this.code != 0 ? " (expected " + this.code + ")" : " (expected " + replyClass + "xx)";
        String first = reply.firstLine();
        return Outcome.ko(errorClass, code, errorClass + " " + (first.isEmpty() ? code : first) + (reply.replyClass() < 4 ? expected : ""));
    }

    /** POP3 has only +OK and -ERR: -ERR is a KO whose message starts with "-ERR". */
    public static Outcome judge(Pop3Reply reply) {
        if (reply.isOk()) return Outcome.ok("+OK");
        String line = reply.statusLine().isEmpty() ? "(no status line)" : reply.statusLine();
        return Outcome.ko(line.startsWith("-ERR") ? "-ERR" : "protocol", "-ERR", line.startsWith("-ERR") ? line : "protocol: not a POP3 status line: " + line);
    }

    @Override
    public String toString() {
        return code != 0 ? Integer.toString(code) : replyClass + "xx";
    }
}
