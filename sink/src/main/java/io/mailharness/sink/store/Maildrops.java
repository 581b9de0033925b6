package io.mailharness.sink.store;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The messages the sink keeps, in one maildrop per recipient address (compared case-insensitively), bounded in
 * count and octets. A message to several recipients is one copy in memory but counts once per maildrop against
 * both bounds. A maildrop that is empty and unlocked is forgotten, so the number of maildrops stays bounded too.
 */
public final class Maildrops {
    private final ConcurrentHashMap<String, Maildrop> byAddress = new ConcurrentHashMap<>();
    private final int maxMessages;
    private final long maxOctets;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong octets = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final String uniqueIdPrefix;

    public Maildrops(int maxMessages, long maxOctets) {
        this.maxMessages = maxMessages;
        this.maxOctets = maxOctets;
        // unique-ids stay unique across restarts of the sink, which forgets its messages anyway
        this.uniqueIdPrefix = Long.toString(System.currentTimeMillis(), 36) + ".";
    }

    /** Keeps the message in each recipient's maildrop; false (nothing kept) when that would pass a bound. */
    public boolean deliver(Collection<String> recipients, byte[] content) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String r : recipients) addresses.add(key(r));
        int n = addresses.size();
        if (!reserve(n, (long) n * content.length)) return false;
        KeptMessage message = new KeptMessage(uniqueIdPrefix + sequence.incrementAndGet(), content);
        for (String address : addresses) {
            byAddress.compute(address, (k, drop) -> {
                Maildrop d = drop == null ? new Maildrop() : drop;
                d.add(message);
                return d;
            });
        }
        return true;
    }

    private boolean reserve(int count, long size) {
        if (messages.addAndGet(count) > maxMessages | octets.addAndGet(size) > maxOctets) {
            release(count, size);
            return false;
        }
        return true;
    }

    private void release(long count, long size) {
        messages.addAndGet(-count);
        octets.addAndGet(-size);
    }

    /** Locks the user's maildrop for a POP3 session; empty when another session holds it. */
    public Optional<Session> lock(String user) {
        String address = key(user);
        Maildrop[] locked = new Maildrop[1];
        // inside compute, so that forgetting an unused maildrop cannot race with locking it
        byAddress.compute(address, (k, drop) -> {
            Maildrop d = drop == null ? new Maildrop() : drop;
            if (d.tryLock()) locked[0] = d;
            return d;
        });
        return locked[0] == null ? Optional.empty() : Optional.of(new Session(address, locked[0]));
    }

    /** A snapshot of one recipient's kept messages (for library users and tests). */
    public List<KeptMessage> messages(String recipient) {
        Maildrop drop = byAddress.get(key(recipient));
        return drop == null ? List.of() : drop.messages();
    }

    /** Messages kept now, counted once per maildrop. */
    public long size() {
        return messages.get();
    }

    private static String key(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    private void forgetIfUnused(String address) {
        byAddress.computeIfPresent(address, (k, drop) -> drop.isUnused() ? null : drop);
    }

    /** A locked maildrop as one POP3 session sees it: the messages there at lock time. */
    public final class Session {
        private final String address;
        private final Maildrop drop;
        private final List<KeptMessage> messages;
        private boolean ended;

        private Session(String address, Maildrop drop) {
            this.address = address;
            this.drop = drop;
            this.messages = drop.messages();
        }

        public List<KeptMessage> messages() {
            return messages;
        }

        /** The UPDATE state (RFC 1939 §6): removes the deleted messages, then unlocks. */
        public void update(Collection<KeptMessage> deleted) {
            if (ended) return;
            drop.remove(deleted);
            long octetsRemoved = 0;
            for (KeptMessage m : deleted) octetsRemoved += m.size();
            release(deleted.size(), octetsRemoved);
            end();
        }

        /** Ends the session without UPDATE (a dropped connection): nothing is removed. */
        public void end() {
            if (ended) return;
            ended = true;
            drop.unlock();
            forgetIfUnused(address);
        }
    }
}
