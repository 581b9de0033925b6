package io.mailharness.sink;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The sink's live counters, updated from every event loop; {@link #snapshot()} reads them all at once. */
public final class SinkCounters {
    private final AtomicInteger smtpSessionsOpen = new AtomicInteger();
    private final AtomicInteger smtpSessionsPeak = new AtomicInteger();
    private final LongAdder smtpSessions = new LongAdder();
    private final AtomicInteger pop3SessionsOpen = new AtomicInteger();
    private final LongAdder sessionsRefused = new LongAdder();
    private final LongAdder messagesAccepted = new LongAdder();
    private final LongAdder messagesRefused = new LongAdder();
    private final LongAdder recipientsAccepted = new LongAdder();
    private final LongAdder messageOctets = new LongAdder();
    private final LongAdder octetsReceived = new LongAdder();
    private final LongAdder messagesRetrieved = new LongAdder();

    /** Counts a new SMTP session and returns how many are open now. */
    public int smtpSessionOpened() {
        smtpSessions.increment();
        int open = smtpSessionsOpen.incrementAndGet();
        smtpSessionsPeak.accumulateAndGet(open, Math::max);
        return open;
    }

    public void smtpSessionClosed() {
        smtpSessionsOpen.decrementAndGet();
    }

    public int pop3SessionOpened() {
        return pop3SessionsOpen.incrementAndGet();
    }

    public void pop3SessionClosed() {
        pop3SessionsOpen.decrementAndGet();
    }

    /** Connections open at once over both protocols, for the sessions limit. */
    public int sessionsOpen() {
        return smtpSessionsOpen.get() + pop3SessionsOpen.get();
    }

    public void sessionRefused() {
        sessionsRefused.increment();
    }

    public void messageAccepted(int recipients, long octets) {
        messagesAccepted.increment();
        recipientsAccepted.add(recipients);
        messageOctets.add(octets);
    }

    public void messageRefused() {
        messagesRefused.increment();
    }

    public void octetsReceived(int octets) {
        octetsReceived.add(octets);
    }

    public void messageRetrieved() {
        messagesRetrieved.increment();
    }

    /** @param messagesKept messages held for POP3 now (the store's count) */
    CounterSnapshot snapshot(long messagesKept) {
        return new CounterSnapshot(smtpSessionsOpen.get(), smtpSessionsPeak.get(), smtpSessions.sum(), pop3SessionsOpen.get(),
                sessionsRefused.sum(), messagesAccepted.sum(), messagesRefused.sum(), recipientsAccepted.sum(), messageOctets.sum(),
                octetsReceived.sum(), messagesKept, messagesRetrieved.sum());
    }
}
