package io.mailharness.faultserver.store;

import io.mailharness.faultserver.Faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory maildrops SMTP delivers into and POP3 reads from. Unique ids come from one
 * counter per store, so a uid is never reused, not even after its message is deleted
 * (RFC 1939 §7 UIDL).
 */
public final class MailStore {

    private final Map<String, Maildrop> maildrops = new ConcurrentHashMap<>();
    private final List<Delivery> relayed = new ArrayList<>();
    private final List<DeliveryFault> faults;
    private final String uidPrefix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private final AtomicLong nextUid = new AtomicLong(1);

    public MailStore(Collection<String> maildropNames, Faults faults) {
        this.faults = faults.all(DeliveryFault.class);
        for (String name : maildropNames) {
            create(name);
        }
    }

    /** The maildrop of a user (case-insensitive). */
    public Maildrop maildrop(String user) {
        Maildrop maildrop = maildrops.get(key(user));
        if (maildrop == null) {
            throw new NoSuchElementException("no maildrop " + user + "; known: " + maildrops.keySet());
        }
        return maildrop;
    }

    public boolean hasMaildrop(String user) {
        return maildrops.containsKey(key(user));
    }

    public Collection<Maildrop> maildrops() {
        return List.copyOf(maildrops.values());
    }

    /** Convenience for assertions: the messages of one maildrop. */
    public List<StoredMessage> messages(String user) {
        return maildrop(user).messages();
    }

    /** Messages across all maildrops. */
    public int totalMessages() {
        return maildrops.values().stream().mapToInt(Maildrop::count).sum();
    }

    /** Puts octets into a maildrop exactly as given: no trace fields, no faults, no checks. */
    public StoredMessage insertRaw(String user, byte[] content) {
        return maildrop(user).append(content);
    }

    public StoredMessage insertRaw(String user, String content) {
        return insertRaw(user, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Stores the copies of one accepted message, after the delivery faults had their say. */
    public void deliver(List<Delivery> deliveries) {
        List<Delivery> actual = deliveries;
        for (DeliveryFault fault : faults) {
            actual = fault.apply(actual);
        }
        for (Delivery d : actual) {
            if (d.isRelay()) {
                synchronized (relayed) {
                    relayed.add(d);
                }
            } else {
                maildrop(d.maildrop()).append(d.content(), d.reversePath(), d.forwardPath());
            }
        }
    }

    /** Accepted mail for foreign domains (only an authenticated client may relay). */
    public List<Delivery> relayed() {
        synchronized (relayed) {
            return List.copyOf(relayed);
        }
    }

    private Maildrop create(String name) {
        return maildrops.computeIfAbsent(key(name),
                k -> new Maildrop(k, () -> uidPrefix + "." + nextUid.getAndIncrement()));
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
