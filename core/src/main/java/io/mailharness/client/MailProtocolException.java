package io.mailharness.client;

import java.io.IOException;

/**
 * A protocol step that could not complete: connection refused or dropped, a timeout, a TLS failure,
 * or a reply that is not SMTP/POP3 at all. The message is one line naming the step and the problem.
 */
public final class MailProtocolException extends IOException {
    private final String step;

    public MailProtocolException(String step, String problem, Throwable cause) {
        super(step + ": " + problem, cause);
        this.step = step;
    }

    public String step() {
        return step;
    }

    static MailProtocolException wrap(String step, IOException e) {
        if (e instanceof MailProtocolException m) return m;
        return new MailProtocolException(step, describe(e), e);
    }

    static String describe(Throwable e) {
        String kind = switch (e) {
            case java.net.SocketTimeoutException t -> "timed out";
            case java.net.ConnectException c -> "connection refused";
            case org.apache.commons.net.MalformedServerReplyException m -> "malformed server reply";
            case javax.net.ssl.SSLException s -> "TLS failure";
            case java.io.EOFException eof -> "connection closed by the server";
            default -> e.getClass().getSimpleName();
        };
        String message = e.getMessage();
        return message == null || message.isBlank() ? kind : kind + " (" + message.replaceAll("\\s+", " ").trim() + ")";
    }
}
