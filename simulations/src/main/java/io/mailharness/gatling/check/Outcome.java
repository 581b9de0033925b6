package io.mailharness.gatling.check;

import io.mailharness.client.MailProtocolException;
import io.mailharness.client.Transcript;

/**
 * How one timed request ended: OK, or KO with the message Gatling's error table groups by — the error
 * class, reply code and enhanced status code as sent, the rest with its variable parts masked
 * ({@link ErrorPattern}) — and one verbatim example. Error classes: 4xx, 5xx, -ERR, timeout, connection,
 * protocol, ledger, harness. Octets a server sent are shown with control characters escaped
 * ({@code \x1b}, {@code \x00}), never raw, on the console and in reports.
 *
 * @param responseCode       the reply code or status indicator, when there was a reply
 * @param message            the KO message as grouped: variable parts masked
 * @param enhancedStatusCode the RFC 3463 code (SMTP) or bracketed response code (POP3, RFC 2449), if any
 * @param example            the KO message verbatim (escaped)
 */
public record Outcome(boolean ok, String responseCode, String message, String errorClass, String enhancedStatusCode, String example) {
    private static final int MAX_MESSAGE = 160;

    public static Outcome ok(String responseCode) {
        return new Outcome(true, responseCode, null, null, null, null);
    }

    /** The OK of every reply code a server may send (RFC 5321 §4.2: 2yz to 5yz), made once: one per request would be garbage. */
    private static final Outcome[] OK_REPLIES = new Outcome[600];

    static {
        for (int code = 200; code < OK_REPLIES.length; code++) OK_REPLIES[code] = ok(Integer.toString(code));
    }

    /** OK with an SMTP reply code as its response code. */
    public static Outcome ok(int replyCode) {
        return replyCode >= 200 && replyCode < OK_REPLIES.length ? OK_REPLIES[replyCode] : ok(Integer.toString(replyCode));
    }

    /**
     * A KO: {@code prefix} (class, reply code, enhanced status code) as given, then {@code text} — from the
     * server or the failure — escaped, and masked for the grouped message.
     */
    public static Outcome ko(String errorClass, String responseCode, String enhancedStatusCode, String prefix, String text) {
        return ko(errorClass, responseCode, enhancedStatusCode, prefix, text, "");
    }

    /** {@link #ko(String, String, String, String, String)} followed by the harness's own words, which are never masked ("(expected 250)"). */
    public static Outcome ko(String errorClass, String responseCode, String enhancedStatusCode, String prefix, String text, String ownWords) {
        return koShown(errorClass, responseCode, enhancedStatusCode, prefix, oneLine(text), ownWords);
    }

    /** A KO whose {@code shown} text is on one line and made visible already. */
    private static Outcome koShown(String errorClass, String responseCode, String enhancedStatusCode, String prefix, String shown, String ownWords) {
        String head = prefix.isEmpty() ? "" : prefix + (shown.isEmpty() ? "" : " ");
        return new Outcome(false, responseCode, cap(head + ErrorPattern.mask(shown) + ownWords), errorClass, enhancedStatusCode,
                cap(head + shown + ownWords));
    }

    /** A KO whose whole message is the harness's own words (a ledger verdict, a missing recipient): nothing to mask. */
    public static Outcome ko(String errorClass, String responseCode, String message) {
        String shown = cap(oneLine(message));
        return new Outcome(false, responseCode, shown, errorClass, null, shown);
    }

    /**
     * A step that could not complete: a timeout, a refused or dropped connection, a reply beyond the reply
     * limits or no reply at all. The KO message starts with the class, e.g. {@code timeout: DATA: no complete reply within 5000 ms}.
     */
    public static Outcome of(Throwable failure) {
        String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String errorClass = classify(failure);
        // The server's octets in a MailProtocolException were made visible where it was raised: escaped again, its
        // backslashes would double (\\x1b for ESC).
        String shown = failure instanceof MailProtocolException ? flattened(text) : oneLine(text);
        return koShown(errorClass, null, null, errorClass + ":", shown, "");
    }

    /** White space runs become one space; other control octets are escaped. */
    private static String oneLine(String text) {
        return Transcript.visible(flattened(text));
    }

    private static String flattened(String text) {
        return text.replaceAll("[ \\t\\r\\n]+", " ").strip();
    }

    private static String cap(String message) {
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    }

    static String classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) return "timeout";
            if (t instanceof java.net.SocketException || t instanceof java.io.EOFException
                    || t instanceof java.net.UnknownHostException) return "connection";
        }
        String m = failure.getMessage() == null ? "" : failure.getMessage();
        if (m.contains("timed out")) return "timeout";
        if (m.contains("connection") || m.contains("closed")) return "connection";
        return failure instanceof MailProtocolException ? "protocol" : "harness";
    }
}
