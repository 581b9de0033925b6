package io.mailharness.client;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The deadline of one protocol step — the command, and the complete reply with all its lines or the whole
 * message — rather than of each read: a server that drips a reply, or answers line by line just inside the
 * read timeout, cannot stretch a step. When a step overruns, the connection's socket is closed, which ends
 * any read, write or TLS handshake the step is blocked in; the step then fails as timed out.
 */
final class StepDeadline {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final ClientSocket socket;
    private final long limitMillis;
    private volatile boolean expired;
    private ScheduledFuture<?> pending;

    StepDeadline(ClientSocket socket, Duration limit) {
        this.socket = socket;
        this.limitMillis = Math.max(1, limit.toMillis());
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mailharness-step-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Starts a step that may take the deadline's limit. */
    void start() {
        start(limitMillis);
    }

    /** Starts a step that may take {@code millis} (connecting and greeting take the connect timeout on top). */
    synchronized void start(long millis) {
        stop();
        if (expired) return;
        pending = TIMER.schedule(this::expire, millis, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void expire() {
        expired = true;
        socket.closeQuietly();
    }

    /** Whether a step overran (the socket is closed then). */
    boolean expired() {
        return expired;
    }

    long limitMillis() {
        return limitMillis;
    }

    /**
     * What a step that failed with {@code e} reports: a timeout when it overran the deadline (whatever the
     * blocked call reported) or a read timed out, else the failure as it is.
     */
    MailProtocolException failure(String step, java.io.IOException e, long millis) {
        boolean timeout = expired;
        for (Throwable t = e; t != null && !timeout; t = t.getCause()) timeout = t instanceof SocketTimeoutException;
        return timeout ? timedOut(step, millis) : MailProtocolException.wrap(step, e);
    }

    /** The failure of a step that overran: a timeout, whatever the blocked call reported. */
    MailProtocolException timedOut(String step, long millis) {
        SocketTimeoutException cause = new SocketTimeoutException("step deadline of " + millis + " ms");
        return new MailProtocolException(step, "no complete reply within " + millis + " ms", cause);
    }
}
