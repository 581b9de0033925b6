package io.mailharness.gatling.netty;

import io.mailharness.client.MailProtocolException;
import io.mailharness.client.Transcript;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

/**
 * Why a connection ended: a step that could not complete (timeout, dropped or reset connection, TLS failure, a
 * reply that broke the protocol or a bound). Every one closes the connection. {@link #at(String)} words it for the
 * step it hit as core's {@link MailProtocolException} (one line: step and problem), with a cause that tells the kind,
 * so an action classes it as the blocking client's failures: a {@link SocketTimeoutException} cause for a timeout,
 * a {@link SocketException} or {@link EOFException} for a dropped connection, no cause for a protocol violation.
 */
record ConnectionFailure(String problem, Throwable cause) {
    private static final int SHOWN_CHARS = 60;

    MailProtocolException at(String step) {
        return new MailProtocolException(step, problem, cause);
    }

    static ConnectionFailure timedOut(Duration deadline) {
        String problem = "no complete reply within " + deadline.toMillis() + " ms"; // worded as the blocking client words it
        return new ConnectionFailure(problem, new SocketTimeoutException(problem));
    }

    static ConnectionFailure closedByServer() {
        return new ConnectionFailure("connection closed by the server", new EOFException("connection closed by the server"));
    }

    /** Closed by this side: by the user, or after QUIT. */
    static ConnectionFailure closedByClient() {
        return new ConnectionFailure("connection closed", new EOFException("connection closed"));
    }

    /** A server that broke a protocol rule or a bound. */
    static ConnectionFailure protocol(String problem) {
        return new ConnectionFailure(problem, null);
    }

    static ConnectionFailure lineTooLong(int limit) {
        return protocol("reply line longer than " + limit + " octets");
    }

    /** What a garbage line looked like: its first characters, control characters made visible. */
    static String shown(CharSequence line) {
        String text = line.toString();
        String head = text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "…" : text;
        return "'" + Transcript.visible(head) + "'";
    }

    /** A failure Netty reported (connect, I/O, TLS), worded and classed. */
    static ConnectionFailure of(Throwable failure) {
        String detail = failure.getMessage() == null ? "" : " (" + failure.getMessage().replaceAll("\\s+", " ").strip() + ")";
        if (failure instanceof ConnectTimeoutException || failure instanceof SslHandshakeTimeoutException) {
            return new ConnectionFailure("timed out" + detail, new SocketTimeoutException(failure.getMessage()));
        }
        if (failure instanceof ConnectException) return new ConnectionFailure("connection refused" + detail, failure);
        if (failure instanceof SSLException) return new ConnectionFailure("TLS failure" + detail, failure);
        if (failure instanceof ClosedChannelException) return closedByServer();
        if (failure instanceof IOException) {
            // Native transports report a reset as a plain IOException: a SocketException cause makes it a connection failure.
            SocketException cause = new SocketException(failure.getMessage());
            cause.initCause(failure);
            return new ConnectionFailure("connection failure" + detail, cause);
        }
        Throwable cause = failure.getCause();
        if (cause instanceof IOException) return of(cause); // e.g. a DecoderException around a TLS record error
        return new ConnectionFailure(failure.getClass().getSimpleName() + detail, failure);
    }
}
