package io.mailharness.gatling.client;

import io.mailharness.client.SocketTally;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every open connection of the run, by virtual user, and the run's client sockets. Actions find their
 * user's connection here; a user that exits closes its own ({@code onExit}); users cut off by the end of
 * the run never exit, so {@link #closeAll()} closes what is left, which also wakes any thread blocked in a
 * read. Sockets are counted from the connection attempt to the close, greeted or not; a user's failed
 * connection attempts are counted here for its reconnection back-off.
 */
public final class ConnectionRegistry implements SocketTally {
    private final Map<Long, SmtpConnection> smtp = new ConcurrentHashMap<>();
    private final Map<Long, SmtpChannelConnection> smtpChannels = new ConcurrentHashMap<>();
    private final Map<Long, Pop3Connection> pop3 = new ConcurrentHashMap<>();
    private final Map<Long, Integer> failedAttempts = new ConcurrentHashMap<>();
    private final AtomicInteger openSockets = new AtomicInteger();
    private final AtomicInteger peakSockets = new AtomicInteger();
    private final AtomicLong socketsOpened = new AtomicLong();
    private final AtomicLong reconnectWaits = new AtomicLong();
    private final AtomicLong reconnectWaitMillis = new AtomicLong();
    private volatile boolean closed;

    @Override
    public void opened() {
        socketsOpened.incrementAndGet();
        peakSockets.accumulateAndGet(openSockets.incrementAndGet(), Math::max);
    }

    @Override
    public void closed() {
        openSockets.decrementAndGet();
    }

    public SmtpConnection smtp(long userId) {
        return smtp.get(userId);
    }

    /** The user's SMTP session on the non-blocking client (the Netty engine). */
    public SmtpChannelConnection smtpChannel(long userId) {
        return smtpChannels.get(userId);
    }

    public Pop3Connection pop3(long userId) {
        return pop3.get(userId);
    }

    public void put(long userId, SmtpConnection connection) {
        smtp.put(userId, connection);
        if (closed) closeSmtp(userId);
    }

    public void put(long userId, SmtpChannelConnection connection) {
        smtpChannels.put(userId, connection);
        if (closed) closeSmtp(userId);
    }

    /** Forgets the user's session without closing it: it is ending itself (QUIT after a refused handshake). */
    public void forget(long userId, SmtpChannelConnection connection) {
        smtpChannels.remove(userId, connection);
    }

    /** Waits, at most {@code limit}, until every client socket is closed (a non-blocking close completes later). */
    public void awaitSocketsClosed(java.time.Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (openSockets.get() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public void put(long userId, Pop3Connection connection) {
        pop3.put(userId, connection);
        if (closed) closePop3(userId);
    }

    public void closeSmtp(long userId) {
        SmtpConnection c = smtp.remove(userId);
        if (c != null) c.close();
        SmtpChannelConnection channel = smtpChannels.remove(userId);
        if (channel != null) channel.close();
    }

    public void closePop3(long userId) {
        Pop3Connection c = pop3.remove(userId);
        if (c != null) c.close();
    }

    /**
     * A user leaves: its connections close and its failed attempts are forgotten. An SMTP session still owed the
     * reply to a pipelined end-of-data closes when it has come (within the step timeout), so the message is counted.
     */
    public void closeUser(long userId) {
        SmtpChannelConnection channel = smtpChannels.remove(userId);
        if (channel != null) channel.closeWhenAnswered();
        closeNow(userId);
    }

    private void closeNow(long userId) {
        closeSmtp(userId);
        closePop3(userId);
        failedAttempts.remove(userId);
    }

    /** Closes every connection still open; returns how many. Later puts are closed at once. */
    public int closeAll() {
        closed = true;
        List<Long> users = new ArrayList<>(smtp.keySet());
        users.addAll(smtpChannels.keySet());
        users.addAll(pop3.keySet());
        int n = smtp.size() + smtpChannels.size() + pop3.size();
        users.forEach(this::closeNow);
        return n;
    }

    /** The user's connection attempts that failed in a row, since its last successful one. */
    public int failedAttempts(long userId) {
        return failedAttempts.getOrDefault(userId, 0);
    }

    public void attemptFailed(long userId) {
        failedAttempts.merge(userId, 1, Integer::sum);
    }

    public void attemptSucceeded(long userId) {
        failedAttempts.remove(userId);
    }

    /** A user waited out a back-off before connecting again. */
    public void waited(Duration wait) {
        reconnectWaits.incrementAndGet();
        reconnectWaitMillis.addAndGet(wait.toMillis());
    }

    /** The most client sockets open at once so far. */
    public int peakOpenSockets() {
        return peakSockets.get();
    }

    /** Client sockets open now. */
    public int openSockets() {
        return openSockets.get();
    }

    public long socketsOpened() {
        return socketsOpened.get();
    }

    public long reconnectWaits() {
        return reconnectWaits.get();
    }

    public long reconnectWaitMillis() {
        return reconnectWaitMillis.get();
    }
}
