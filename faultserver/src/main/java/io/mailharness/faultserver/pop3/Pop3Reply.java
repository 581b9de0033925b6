package io.mailharness.faultserver.pop3;

import io.mailharness.protocol.DotStuffing;
import java.nio.charset.StandardCharsets;

/**
 * A POP3 response (RFC 1939 §3): the status line without CRLF, and for multi-line responses
 * the already byte-stuffed body including the terminating {@code .CRLF}.
 */
public record Pop3Reply(String status, byte[] body, After after) {

    /** What the session does once the response is written. */
    public enum After {
        CONTINUE,
        CLOSE,
        /** Send and read nothing more; the connection stays open until the server closes. */
        STALL
    }

    public static Pop3Reply ok(String text) {
        return new Pop3Reply(text.isEmpty() ? "+OK" : "+OK " + text, null, After.CONTINUE);
    }

    public static Pop3Reply err(String text) {
        return new Pop3Reply("-ERR " + text, null, After.CONTINUE);
    }

    /** A multi-line response whose body is byte-stuffed and terminated here. */
    public static Pop3Reply multiline(String okText, byte[] content) {
        return new Pop3Reply("+OK " + okText, DotStuffing.multilineResponse(content, DotStuffing.LineStart.AFTER_CR_OR_LF), After.CONTINUE);
    }

    /** A multi-line response from text lines (CAPA, LIST, UIDL). */
    public static Pop3Reply multiline(String okText, Iterable<String> lines) {
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            body.append(line).append("\r\n");
        }
        return multiline(okText, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A status line sent exactly as given, for malformed responses. */
    public static Pop3Reply raw(String statusLine) {
        return new Pop3Reply(statusLine, null, After.CONTINUE);
    }

    /** Nothing at all is sent. */
    public static Pop3Reply none() {
        return new Pop3Reply(null, null, After.CONTINUE);
    }

    public static Pop3Reply stall() {
        return new Pop3Reply(null, null, After.STALL);
    }

    public Pop3Reply thenClose() {
        return new Pop3Reply(status, body, After.CLOSE);
    }

    public Pop3Reply withStatus(String newStatus) {
        return new Pop3Reply(newStatus, body, after);
    }

    public boolean isOk() {
        return status != null && status.startsWith("+OK");
    }
}
