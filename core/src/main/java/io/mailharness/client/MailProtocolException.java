package io.mailharness.client;

import java.io.IOException;
import java.util.Optional;

/**
 * A protocol step that could not complete: connection refused or dropped, a timeout, a TLS failure, a
 * reply beyond the target's reply limits, or a reply that is not SMTP/POP3 at all. The message is one line
 * naming the step and the problem. A message retrieval that failed part way keeps what had arrived.
 * Server text in the problem is made visible ({@link Transcript#visible}) where the exception is raised, and
 * shown as it is by whoever reports it.
 */
public final class MailProtocolException extends IOException {
    private final String step;
    private final byte[] partialContent;

    public MailProtocolException(String step, String problem, Throwable cause) {
        this(step, problem, cause, null);
    }

    private MailProtocolException(String step, String problem, Throwable cause, byte[] partialContent) {
        super(step + ": " + problem, cause);
        this.step = step;
        this.partialContent = partialContent;
    }

    public String step() {
        return step;
    }

    /** The octets of a message that had arrived when its retrieval failed (RETR, TOP), if any. */
    public Optional<byte[]> partialContent() {
        return Optional.ofNullable(partialContent);
    }

    /** This failure, keeping the octets of the message that had arrived. */
    MailProtocolException withPartialContent(byte[] content) {
        MailProtocolException e = new MailProtocolException(step, getMessage().substring(step.length() + 2), getCause(), content);
        e.setStackTrace(getStackTrace());
        return e;
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
