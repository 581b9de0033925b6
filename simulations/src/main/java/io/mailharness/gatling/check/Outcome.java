package io.mailharness.gatling.check;

import io.mailharness.client.MailProtocolException;

/**
 * How one timed request ended: OK, or KO with the message Gatling's error table groups by and the error
 * class the run record counts ("4xx", "5xx", "timeout", "connection", "protocol", "ledger").
 */
public record Outcome(boolean ok, String responseCode, String message, String errorClass) {
    private static final int MAX_MESSAGE = 160;

    public static Outcome ok(String responseCode) {
        return new Outcome(true, responseCode, null, null);
    }

    public static Outcome ko(String errorClass, String responseCode, String message) {
        String m = message.replaceAll("\\s+", " ").strip();
        if (m.length() > MAX_MESSAGE) m = m.substring(0, MAX_MESSAGE) + "…";
        return new Outcome(false, responseCode, m, errorClass);
    }

    /**
     * A step that could not complete: a timeout, a refused or dropped connection, or a reply that is no
     * reply at all. The KO message starts with the class, e.g. {@code timeout: DATA: timed out (Read timed out)}.
     */
    public static Outcome of(Throwable failure) {
        String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return ko(classify(failure), null, classify(failure) + ": " + text);
    }

    static String classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) return "timeout";
            if (t instanceof java.net.SocketException || t instanceof java.io.EOFException
                    || t instanceof java.net.UnknownHostException
                    || t instanceof org.apache.commons.net.smtp.SMTPConnectionClosedException) return "connection";
        }
        String m = failure.getMessage() == null ? "" : failure.getMessage();
        if (m.contains("timed out")) return "timeout";
        if (m.contains("connection") || m.contains("closed")) return "connection";
        return failure instanceof MailProtocolException ? "protocol" : "harness";
    }
}
