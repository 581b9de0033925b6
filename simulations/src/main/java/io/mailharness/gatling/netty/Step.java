package io.mailharness.gatling.netty;

import io.mailharness.client.MailProtocolException;

/**
 * How one protocol step ended: with the server's reply, or with the failure that closed the connection instead
 * (core's {@link MailProtocolException}: one line, step and problem), and when it started and ended, in
 * {@link System#nanoTime()}.
 */
public interface Step {
    /** Why the step could not complete; null when a reply came. */
    MailProtocolException failure();

    long startNanos();

    long endNanos();

    /** The stage's name as requests are named, e.g. {@code EHLO} or {@code connect+greeting}. */
    String label();

    /** The reply's first line (the status line for POP3); null after a failure. */
    String replyLine();

    default boolean failed() {
        return failure() != null;
    }

    default long nanos() {
        return endNanos() - startNanos();
    }
}
