package io.mailharness.gatling.ledger;

import io.mailharness.record.DeliveryCheck;
import io.mailharness.record.DeliveryClass;
import io.mailharness.record.Ledger;
import io.mailharness.record.MessageTrace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Exactly-once delivery accounting for one run. A delivery is one accepted message in one recipient's
 * maildrop: a message to one recipient is one delivery, a message to N tracked recipients is N. The SMTP
 * side records what it sent and what the server accepted with 250 to end-of-data; the POP3 side records
 * every harness message it retrieves, with what it found (a {@link DeliveryClass}), and what its listings
 * showed that it could not retrieve. Counting at the end: each delivery owed is in one class, or not
 * retrievable (seen in a listing, never retrieved whole), or lost (never seen within the grace period);
 * seen more than once (under different unique-ids) is duplicated. Safe from any thread.
 */
public final class DeliveryLedger {
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> outstandingByMaildrop = new ConcurrentHashMap<>();
    /**
     * Per maildrop, unique-ids a listing showed that have not been retrieved whole (their retrieval failed,
     * or never got its turn): messages the server has, but that could not be told apart without retrieving them.
     */
    private final Map<String, Set<String>> listedNotRetrieved = new ConcurrentHashMap<>();
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
        final String maildrop;
        /** Retrieved here but sent by no transaction of this run (another injector's, or an earlier run's). */
        boolean foreign;
        String digest = "";
        Supplier<byte[]> original;
        long acceptedAt = -1;
        long firstSeenAt = -1;
        int retrievals;
        int corrupted;
        /** The worst class found over its retrievals; null while none, or when damage could not be classified. */
        DeliveryClass worst;
        boolean unclassifiedDamage;
        boolean retrievalFailed;

        Delivery(String key, String maildrop) {
            this.key = key;
            this.maildrop = maildrop.toLowerCase(Locale.ROOT);
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
     * 250 to end-of-data: one delivery per accepted recipient is now owed; {@code original} builds the
     * octets as sent again, for a retrieval that does not match the digest. Returns, for each delivery the
     * POP3 side had already seen (a server may deliver before it answers), the time it was first seen.
     */
    public List<Long> accepted(String id, int recipients, Set<String> maildrops, String digest, long atMillis, Supplier<byte[]> original) {
        accepted.incrementAndGet();
        List<Long> seenEarlier = new ArrayList<>();
        for (String maildrop : maildrops) {
            Delivery d = deliveries.computeIfAbsent(key(id, recipients, maildrop), k -> new Delivery(k, maildrop));
            synchronized (d) {
                d.digest = digest;
                d.original = original;
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
     * 250 to end-of-data in a send-only run (no delivery tracking, or no POP3 service): it counts as
     * accepted, and no delivery is owed, so it can be neither retrieved nor lost.
     */
    public void acceptedUntracked() {
        accepted.incrementAndGet();
        untracked.incrementAndGet();
    }

    /** Accepted messages sent without delivery tracking. */
    public long untracked() {
        return untracked.get();
    }

    /** The octets as sent of a delivery this run sent, built again; empty for one it did not send. */
    public Optional<byte[]> sentOctets(String id, int recipients, String maildrop) {
        Delivery d = deliveries.get(key(id, recipients, maildrop));
        if (d == null) return Optional.empty();
        Supplier<byte[]> original;
        synchronized (d) {
            original = d.original;
        }
        return original == null ? Optional.empty() : Optional.of(original.get());
    }

    /** The digest the message carried when it was accepted, if this run sent it; empty otherwise. */
    public Optional<String> sentDigest(String id, int recipients, String maildrop) {
        Delivery d = deliveries.get(key(id, recipients, maildrop));
        if (d == null) return Optional.empty();
        synchronized (d) {
            return d.digest.isEmpty() ? Optional.empty() : Optional.of(d.digest);
        }
    }

    /**
     * A harness message was retrieved from {@code maildrop}; {@code found} is what it looked like next to
     * what was sent (null: damaged — the digest differs — but with nothing to compare with). Returns the
     * sighting and, for a first sighting of an accepted message, its accept time in {@code acceptedAtOut[0]}
     * (else -1). A message this run did not send (another injector's, or an earlier run's) is
     * {@link Sighting#UNKNOWN}: it counts in no ledger figure here, but it is traced, under the same key its
     * sender uses, so that a merge of the injectors' records joins the sender's trace with the reader's.
     */
    public Sighting retrieved(String id, int recipients, String maildrop, DeliveryClass found, long atMillis, long[] acceptedAtOut) {
        acceptedAtOut[0] = -1;
        String key = key(id, recipients, maildrop);
        Delivery d = deliveries.get(key);
        if (d == null) d = foreignDelivery(key, maildrop);
        synchronized (d) {
            d.retrievals++;
            if (found == null || found.damaged()) d.corrupted++;
            if (found == null) d.unclassifiedDamage = true;
            else if (d.worst == null || found.compareTo(d.worst) > 0) d.worst = found;
            if (d.foreign) {
                if (d.firstSeenAt < 0) d.firstSeenAt = atMillis;
                return Sighting.UNKNOWN;
            }
            if (d.retrievals > 1) return Sighting.REPEAT;
            d.firstSeenAt = atMillis;
            if (d.acceptedAt >= 0) {
                outstanding.decrementAndGet();
                AtomicLong perDrop = outstandingByMaildrop.get(d.maildrop);
                if (perDrop != null) perDrop.decrementAndGet();
                acceptedAtOut[0] = d.acceptedAt;
            }
            return Sighting.FIRST;
        }
    }

    /** A listing (UIDL) of {@code maildrop} showed these unique-ids, none of them retrieved yet. */
    public void listed(String maildrop, List<String> uids) {
        if (uids.isEmpty()) return;
        listedNotRetrieved.computeIfAbsent(maildrop.toLowerCase(Locale.ROOT), k -> ConcurrentHashMap.newKeySet()).addAll(uids);
    }

    /**
     * The retrieval of a message listed in {@code maildrop} under {@code uid} failed (an -ERR, a timeout, a
     * reply beyond the limits). {@code id} is its harness id when the part that arrived carried the stamp;
     * otherwise the failure counts for the maildrop, as a message listed but not retrieved: as many of its
     * deliveries never seen are not retrievable rather than lost.
     */
    public void retrievalFailed(String maildrop, String uid, String id, int recipients) {
        Delivery d = id == null ? null : deliveries.get(key(id, recipients, maildrop));
        if (d != null) {
            synchronized (d) {
                d.retrievalFailed = true;
            }
            if (uid != null) retrievalSucceeded(maildrop, uid); // told apart: it no longer counts for the maildrop
        } else if (uid != null) {
            listed(maildrop, List.of(uid));
        }
    }

    /** The message listed under {@code uid} was retrieved (or told apart): it no longer counts as listed and not retrieved. */
    public void retrievalSucceeded(String maildrop, String uid) {
        Set<String> listed = listedNotRetrieved.get(maildrop.toLowerCase(Locale.ROOT));
        if (listed != null && uid != null) listed.remove(uid);
    }

    private Delivery foreignDelivery(String key, String maildrop) {
        Delivery fresh = new Delivery(key, maildrop);
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
        for (String maildrop : maildrops) deliveries.computeIfAbsent(key(id, recipients, maildrop), k -> new Delivery(k, maildrop));
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

    /** Every delivery owed, in its class as it stands (anything not seen yet counts as lost, or not retrievable). */
    private record Counts(long deliveries, Map<DeliveryClass, Long> classes, long unclassified, long duplicated, long notRetrievable, long lost) {
        long retrieved() {
            return classes.values().stream().mapToLong(Long::longValue).sum() + unclassified;
        }

        long damaged() {
            return classes.entrySet().stream().filter(e -> e.getKey().damaged()).mapToLong(Map.Entry::getValue).sum() + unclassified;
        }

        long count(DeliveryClass c) {
            return classes.getOrDefault(c, 0L);
        }
    }

    private Counts counts() {
        Map<DeliveryClass, Long> classes = new EnumMap<>(DeliveryClass.class);
        Map<String, Long> unseenByMaildrop = new java.util.HashMap<>();
        long owed = 0, unclassified = 0, duplicated = 0, notRetrievable = 0, lost = 0;
        for (Delivery d : deliveries.values()) {
            synchronized (d) {
                if (d.acceptedAt < 0 || d.foreign) continue;
                owed++;
                if (d.retrievals == 0) {
                    if (d.retrievalFailed) {
                        notRetrievable++;
                    } else {
                        lost++;
                        unseenByMaildrop.merge(d.maildrop, 1L, Long::sum);
                    }
                    continue;
                }
                if (d.unclassifiedDamage && (d.worst == null || !d.worst.damaged())) unclassified++;
                else classes.merge(d.worst, 1L, Long::sum);
                if (d.retrievals > 1) duplicated++;
            }
        }
        for (Map.Entry<String, Long> unseen : unseenByMaildrop.entrySet()) {
            long failed = listedNotRetrieved.getOrDefault(unseen.getKey(), Set.of()).size();
            long moved = Math.min(failed, unseen.getValue());
            notRetrievable += moved;
            lost -= moved;
        }
        return new Counts(owed, classes, unclassified, duplicated, notRetrievable, lost);
    }

    /**
     * The ledger as it stands: intact counts what arrived unharmed (as sent, or only annotated), corrupted
     * what arrived damaged, lost what was never seen (not what was seen but could not be retrieved).
     */
    public Ledger snapshot() {
        Counts c = counts();
        long retrieved = c.retrieved();
        return new Ledger(sent.get(), accepted.get(), rejected.get(), retrieved, retrieved - c.damaged(), c.damaged(), c.duplicated(), c.lost());
    }

    /** Every delivery owed, in exactly one class. */
    public DeliveryCheck check(boolean retrievalChecked, String samplesFolder, Map<String, Long> samplesLeftOut) {
        Counts c = counts();
        return new DeliveryCheck(retrievalChecked, c.deliveries(), c.count(DeliveryClass.INTACT), c.count(DeliveryClass.ANNOTATED),
                c.count(DeliveryClass.HEADERS_REWRITTEN), c.count(DeliveryClass.BODY_ALTERED), c.count(DeliveryClass.TRUNCATED),
                c.unclassified(), c.notRetrievable(), c.lost(), samplesFolder, samplesLeftOut);
    }

    /**
     * One trace per delivery this injector sent and got accepted, or retrieved: oldest first (foreign ones,
     * with no accept time, lead). A foreign delivery's trace has an empty digest and accept time -1. A
     * retrieval that was only annotated is not counted as corrupted.
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

    /** One line for the console: the ledger so far ({@code outstanding} >= 0 while the run goes on). */
    public String describe(boolean sendOnly, long outstanding) {
        Ledger l = snapshot();
        if (sendOnly) return "sent=" + l.sent() + " accepted=" + l.accepted() + " rejected=" + l.rejected() + " (send-only: retrieval not checked)";
        Counts c = counts();
        return "sent=" + l.sent() + " accepted=" + l.accepted() + " rejected=" + l.rejected() + " retrieved=" + l.retrieved()
                + " intact=" + c.count(DeliveryClass.INTACT) + " annotated=" + c.count(DeliveryClass.ANNOTATED)
                + " damaged=" + l.corrupted() + " duplicated=" + l.duplicated() + " not-retrievable=" + c.notRetrievable()
                + (outstanding >= 0 ? " awaiting=" + outstanding : " lost=" + l.lost());
    }
}
