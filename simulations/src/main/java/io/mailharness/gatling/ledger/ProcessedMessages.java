package io.mailharness.gatling.ledger;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages POP3 readers have processed, by maildrop and unique-id (RFC 1939 §7), so that a later pass skips them,
 * and which of them a session deleted (DELE answered +OK, then QUIT answered +OK: the UPDATE state removed them).
 * A unique-id listed again after its message was deleted is read again: it names either the message the server kept
 * though it said it removed it, or another message that reuses the unique-id, which would otherwise be skipped and
 * then counted lost.
 */
public final class ProcessedMessages {
    /** What a processed unique-id's message was when it is not a harness message. */
    private static final String NOT_OURS = "";

    private final Map<String, String> harnessIdByUid = new ConcurrentHashMap<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    /** What a unique-id listed again after its message was deleted turned out to name. */
    public enum Relisted {
        NO(""),
        SAME_MESSAGE("the same message, not removed (RFC 1939 §6)"),
        ANOTHER_MESSAGE("another message, which may reuse it once the first is gone (RFC 1939 §7)"),
        UNKNOWN_SENDER("a message of another sender, either not removed or under a reused unique-id");

        private final String words;

        Relisted(String words) {
            this.words = words;
        }

        /** What the server did, in the harness's own words. */
        public String words() {
            return words;
        }
    }

    /** What a retrieval means: whether the ledger hears of it, and whether its unique-id was listed again after its deletion. */
    public record Sighting(boolean firstTime, Relisted relisted) {}

    /** Whether a pass skips this listed unique-id: processed before, and not deleted since. */
    public boolean skips(String maildrop, String uid) {
        String key = key(maildrop, uid);
        return harnessIdByUid.containsKey(key) && !deleted.contains(key);
    }

    /**
     * A listed message was retrieved whole; {@code harnessId} is its stamp's id, or null for a message not of this
     * harness. The ledger hears of its first retrieval, and of a message now under a deleted message's unique-id;
     * not of the same message again, which the server kept though it said it removed it.
     */
    public Sighting retrieved(String maildrop, String uid, String harnessId) {
        String key = key(maildrop, uid);
        String now = harnessId == null ? NOT_OURS : harnessId;
        String before = harnessIdByUid.putIfAbsent(key, now);
        if (before == null) return new Sighting(true, Relisted.NO);
        if (!deleted.remove(key)) return new Sighting(false, Relisted.NO);
        harnessIdByUid.put(key, now);
        if (before.equals(NOT_OURS) && now.equals(NOT_OURS)) return new Sighting(true, Relisted.UNKNOWN_SENDER);
        return before.equals(now) ? new Sighting(false, Relisted.SAME_MESSAGE) : new Sighting(true, Relisted.ANOTHER_MESSAGE);
    }

    /** The session's QUIT was answered +OK: the messages it deleted, by unique-id, are gone. */
    public void deleted(String maildrop, String uid) {
        String key = key(maildrop, uid);
        if (harnessIdByUid.containsKey(key)) deleted.add(key);
    }

    private static String key(String maildrop, String uid) {
        return maildrop.toLowerCase(Locale.ROOT) + "\u0000" + Objects.requireNonNull(uid);
    }
}
