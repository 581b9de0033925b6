package io.mailharness.gatling.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open connection of the run, by virtual user. Actions find their user's connection here; a user
 * that exits closes its own ({@code onExit}); users cut off by the end of the run never exit, so
 * {@link #closeAll()} closes what is left, which also wakes any virtual thread blocked in a read.
 */
public final class ConnectionRegistry {
    private final Map<Long, SmtpConnection> smtp = new ConcurrentHashMap<>();
    private final Map<Long, Pop3Connection> pop3 = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong opened = new java.util.concurrent.atomic.AtomicLong();

    public SmtpConnection smtp(long userId) {
        return smtp.get(userId);
    }

    public Pop3Connection pop3(long userId) {
        return pop3.get(userId);
    }

    public void put(long userId, SmtpConnection connection) {
        opened.incrementAndGet();
        smtp.put(userId, connection);
        peak.accumulateAndGet(openCount(), Math::max);
        if (closed) closeSmtp(userId);
    }

    public void put(long userId, Pop3Connection connection) {
        opened.incrementAndGet();
        pop3.put(userId, connection);
        peak.accumulateAndGet(openCount(), Math::max);
        if (closed) closePop3(userId);
    }

    public void closeSmtp(long userId) {
        SmtpConnection c = smtp.remove(userId);
        if (c != null) c.close();
    }

    public void closePop3(long userId) {
        Pop3Connection c = pop3.remove(userId);
        if (c != null) c.close();
    }

    public void closeUser(long userId) {
        closeSmtp(userId);
        closePop3(userId);
    }

    /** Closes every connection still open; returns how many. Later puts are closed at once. */
    public int closeAll() {
        closed = true;
        List<Long> users = new ArrayList<>(smtp.keySet());
        users.addAll(pop3.keySet());
        int n = smtp.size() + pop3.size();
        users.forEach(this::closeUser);
        return n;
    }

    /** The most connections open at once so far (SMTP and POP3). */
    public int peakOpen() {
        return peak.get();
    }

    /** Connections opened in all. */
    public long opened() {
        return opened.get();
    }

    public int openCount() {
        return smtp.size() + pop3.size();
    }
}
