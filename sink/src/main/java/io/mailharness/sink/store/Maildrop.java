package io.mailharness.sink.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One recipient's kept messages. A POP3 session holds it locked (RFC 1939 §8: exclusive access) from PASS until
 * it ends; messages delivered meanwhile wait for the next session.
 */
final class Maildrop {
    private final List<KeptMessage> messages = new ArrayList<>();
    private boolean locked;

    synchronized void add(KeptMessage message) {
        messages.add(message);
    }

    synchronized boolean tryLock() {
        if (locked) return false;
        locked = true;
        return true;
    }

    synchronized void unlock() {
        locked = false;
    }

    synchronized List<KeptMessage> messages() {
        return List.copyOf(messages);
    }

    synchronized void remove(Collection<KeptMessage> gone) {
        messages.removeAll(gone);
    }

    /** Unused: neither holding messages nor locked, so the store can forget it. */
    synchronized boolean isUnused() {
        return messages.isEmpty() && !locked;
    }
}
