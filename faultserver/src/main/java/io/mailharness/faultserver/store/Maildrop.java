package io.mailharness.faultserver.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One user's maildrop (RFC 1939 §1): the messages in arrival order and the exclusive-access
 * lock a POP3 session takes when it enters the TRANSACTION state.
 */
public final class Maildrop {

    private final String name;
    private final Supplier<String> uids;
    private final List<StoredMessage> messages = new ArrayList<>();
    private final AtomicReference<Object> lockOwner = new AtomicReference<>();

    Maildrop(String name, Supplier<String> uids) {
        this.name = name;
        this.uids = uids;
    }

    public String name() {
        return name;
    }

    /** Stores octets as they are, without trace fields (the raw path for POP3-only cases). */
    public StoredMessage append(byte[] content) {
        return append(content, null, null);
    }

    StoredMessage append(byte[] content, String reversePath, String forwardPath) {
        StoredMessage message = new StoredMessage(uids.get(), content, reversePath, forwardPath, Instant.now());
        synchronized (messages) {
            messages.add(message);
        }
        return message;
    }

    /** The messages now, oldest first; POP3 numbers them 1..n for one session (RFC 1939 §4). */
    public List<StoredMessage> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    public int count() {
        synchronized (messages) {
            return messages.size();
        }
    }

    /** Removes messages; the POP3 UPDATE state calls this, and only that state. */
    public void remove(Collection<StoredMessage> gone) {
        Set<StoredMessage> remove = new HashSet<>(gone);
        synchronized (messages) {
            messages.removeIf(remove::contains);
        }
    }

    public void clear() {
        synchronized (messages) {
            messages.clear();
        }
    }

    /** Takes the maildrop lock for {@code owner}; false if another session holds it. */
    public boolean tryLock(Object owner) {
        return lockOwner.compareAndSet(null, owner);
    }

    public void unlock(Object owner) {
        lockOwner.compareAndSet(owner, null);
    }

    public boolean isLocked() {
        return lockOwner.get() != null;
    }

    @Override
    public String toString() {
        return "Maildrop[" + name + ", " + count() + " messages]";
    }
}
