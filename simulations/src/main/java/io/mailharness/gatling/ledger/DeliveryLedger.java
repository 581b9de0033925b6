package io.mailharness.gatling.ledger;

import io.mailharness.record.Ledger;
import io.mailharness.record.MessageTrace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exactly-once delivery accounting for one run. A delivery is one accepted message in one recipient's
 * maildrop: a message to one recipient is one delivery, a message to N tracked recipients is N. The SMTP
 * side records what it sent and what the server accepted with 250 to end-of-data; the POP3 side records
 * every harness message it retrieves, with its digest check. Counting at the end:
 * accepted-and-seen is retrieved, seen more than once (under different unique-ids) is duplicated, a
 * digest mismatch is corrupted, accepted and never seen within the grace period is lost.
 * Safe from any thread.
 */
public final class DeliveryLedger {
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> outstandingByMaildrop = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private final AtomicLong untracked = new AtomicLong();
    private volatile long drainDeadline = Long.MAX_VALUE;

    /** What the POP3 side learns when it retrieves a message. */
    public enum Sighting { FIRST, REPEAT, UNKNOWN }

    /** One message in one maildrop. Guarded by its own monitor. */
    static final class Delivery {
        final String key;
        /** Retrieved here but sent by no transaction of this run (another injector's, or an earlier run's). */
        boolean foreign;
        String digest = "";
        long acceptedAt = -1;
        long firstSeenAt = -1;
        int retrievals;
        int corrupted;

        Delivery(String key) {
            this.key = key;
        }
    }

    /** The key of one delivery: the harness id, and the maildrop when the message has several recipients. */
    public static String key(String id, int recipients, String maildrop) {
        return recipients <= 1 ? id : id + "/" + maildrop.toLowerCase(Locale.ROOT);
    }

    /** MAIL FROM was issued for a new transaction. */
    public void sent() {
        sent.incrementAndGet();
    }

    /** The transaction failed at some stage, or was cut off before the reply to end-of-data. */
    public void rejected() {
        rejected.incrementAndGet();
    }

    /**
     * 250 to end-of-data: one delivery per accepted recipient is now owed. Returns, for each delivery the
     * POP3 side had already seen (a server may deliver before it answers), the time it was first seen.
     */
    public List<Long> accepted(String id, int recipients, Set<String> maildrops, String digest, long atMillis) {
        accepted.incrementAndGet();
        List<Long> seenEarlier = new ArrayList<>();
        for (String maildrop : maildrops) {
            Delivery d = deliveries.computeIfAbsent(key(id, recipients, maildrop), Delivery::new);
            synchronized (d) {
                d.digest = digest;
                d.acceptedAt = atMillis;
                if (d.firstSeenAt < 0) {
                    outstanding.incrementAndGet();
                    outstandingByMaildrop.computeIfAbsent(maildrop.toLowerCase(Locale.ROOT), k -> new AtomicLong()).incrementAndGet();
                } else {
                    seenEarlier.add(d.firstSeenAt);
                }
            }
        }
        return seenEarlier;
    }

    /**
     * 250 to end-of-data for a message sent without delivery tracking (a server that stores nothing): it
     * counts as accepted, and no delivery is owed, so it can be neither retrieved nor lost.
     */
    public void acceptedUntracked() {
        accepted.incrementAndGet();
        untracked.incrementAndGet();
    }

    /** Accepted messages sent without delivery tracking. */
    public long untracked() {
        return untracked.get();
    }

    /**
     * A harness message was retrieved from {@code maildrop}; {@code intact} is its digest check against the
     * stamp's sha256. Returns the sighting and, for a first sighting of an accepted message, its accept time
     * in {@code acceptedAtOut[0]} (else -1). A message this run did not send (another injector's, or an
     * earlier run's) is {@link Sighting#UNKNOWN}: it counts in no ledger figure here, but it is traced, under
     * the same key its sender uses, so that a merge of the injectors' records joins the sender's trace with
     * the reader's and counts the delivery once.
     */
    public Sighting retrieved(String id, int recipients, String maildrop, boolean intact, long atMillis, long[] acceptedAtOut) {
        acceptedAtOut[0] = -1;
        String key = key(id, recipients, maildrop);
        Delivery d = deliveries.get(key);
        if (d == null) d = foreignDelivery(key);
        synchronized (d) {
            if (d.foreign) {
                d.retrievals++;
                if (!intact) d.corrupted++;
                if (d.firstSeenAt < 0) d.firstSeenAt = atMillis;
                return Sighting.UNKNOWN;
            }
            d.retrievals++;
            if (!intact) d.corrupted++;
            if (d.retrievals > 1) return Sighting.REPEAT;
            d.firstSeenAt = atMillis;
            if (d.acceptedAt >= 0) {
                outstanding.decrementAndGet();
                AtomicLong perDrop = outstandingByMaildrop.get(maildrop.toLowerCase(Locale.ROOT));
                if (perDrop != null) perDrop.decrementAndGet();
                acceptedAtOut[0] = d.acceptedAt;
            }
            return Sighting.FIRST;
        }
    }

    private Delivery foreignDelivery(String key) {
        Delivery fresh = new Delivery(key);
        fresh.foreign = true;
        Delivery earlier = deliveries.putIfAbsent(key, fresh);
        if (earlier != null) return earlier;
        foreign.incrementAndGet();
        return fresh;
    }

    /**
     * Registers a message the SMTP side is about to send, so that a retrieval racing ahead of the 250 is
     * recognised as ours.
     */
    public void expecting(String id, int recipients, Set<String> maildrops) {
        for (String maildrop : maildrops) deliveries.computeIfAbsent(key(id, recipients, maildrop), Delivery::new);
    }

    /** Forgets a message whose transaction failed and that was never seen (keeps the traces small). */
    public void abandon(String id, int recipients, Set<String> maildrops) {
        for (String maildrop : maildrops) {
            deliveries.computeIfPresent(key(id, recipients, maildrop), (k, d) -> {
                synchronized (d) {
                    return d.acceptedAt < 0 && d.retrievals == 0 ? null : d;
                }
            });
        }
    }

    /** Accepted deliveries not yet seen by POP3. */
    public long outstanding() {
        return outstanding.get();
    }

    public long outstanding(String maildrop) {
        AtomicLong n = outstandingByMaildrop.get(maildrop.toLowerCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    /** Distinct harness deliveries retrieved that this run did not send (an earlier run's, or another injector's). */
    public long foreign() {
        return foreign.get();
    }

    /** Starts the drain phase's grace period once; later calls keep the first deadline. */
    public synchronized void startDrain(long graceMillis, long nowMillis) {
        if (drainDeadline == Long.MAX_VALUE) drainDeadline = nowMillis + graceMillis;
    }

    public boolean drainOver(long nowMillis) {
        return outstanding() == 0 || nowMillis >= drainDeadline;
    }

    /** The ledger as it stands: anything accepted and not yet seen counts as lost. */
    public Ledger snapshot() {
        long retrieved = 0, intact = 0, corrupted = 0, duplicated = 0, lost = 0;
        for (Delivery d : deliveries.values()) {
            synchronized (d) {
                if (d.acceptedAt < 0) continue;
                if (d.retrievals == 0) {
                    lost++;
                    continue;
                }
                retrieved++;
                if (d.corrupted > 0) corrupted++;
                else intact++;
                if (d.retrievals > 1) duplicated++;
            }
        }
        return new Ledger(sent.get(), accepted.get(), rejected.get(), retrieved, intact, corrupted, duplicated, lost);
    }

    /**
     * One trace per delivery this injector sent and got accepted, or retrieved: oldest first (foreign ones,
     * with no accept time, lead). A foreign delivery's trace has an empty digest and accept time -1.
     */
    public List<MessageTrace> traces() {
        List<MessageTrace> out = new ArrayList<>(deliveries.size());
        for (Delivery d : deliveries.values()) {
            synchronized (d) {
                if (d.acceptedAt < 0 && d.retrievals == 0) continue;
                out.add(new MessageTrace(d.key, d.digest, d.acceptedAt, d.firstSeenAt, d.retrievals, d.corrupted));
            }
        }
        out.sort(Comparator.comparingLong(MessageTrace::acceptedAtMillis).thenComparing(MessageTrace::id));
        return out;
    }

    /** One line for the console: the ledger so far. */
    public static String describe(Ledger l, long outstanding) {
        return "sent=" + l.sent() + " accepted=" + l.accepted() + " rejected=" + l.rejected() + " retrieved=" + l.retrieved()
                + " intact=" + l.intact() + " corrupted=" + l.corrupted() + " duplicated=" + l.duplicated()
                + (outstanding >= 0 ? " awaiting=" + outstanding : " lost=" + l.lost());
    }
}
