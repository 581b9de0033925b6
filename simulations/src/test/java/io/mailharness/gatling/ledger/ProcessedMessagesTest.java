package io.mailharness.gatling.ledger;

import io.mailharness.gatling.ledger.ProcessedMessages.Relisted;
import io.mailharness.gatling.ledger.ProcessedMessages.Sighting;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessedMessagesTest {
    private final ProcessedMessages processed = new ProcessedMessages();

    @Test
    void aProcessedUniqueIdIsSkippedUntilItsMessageIsDeleted() {
        assertFalse(processed.skips("alice@x", "u1"));
        assertEquals(new Sighting(true, Relisted.NO), processed.retrieved("alice@x", "u1", "mh-1"));
        assertTrue(processed.skips("ALICE@x", "u1"), "maildrops compare without case");
        assertEquals(new Sighting(false, Relisted.NO), processed.retrieved("alice@x", "u1", "mh-1"), "read again in a later pass: no new sighting");
        processed.deleted("alice@x", "u1");
        assertFalse(processed.skips("alice@x", "u1"), "listed again after its deletion: read again");
        assertFalse(processed.skips("bob@x", "u2"));
    }

    @Test
    void aUniqueIdListedAgainAfterItsDeletionTellsAKeptMessageFromAReusedId() {
        processed.retrieved("alice@x", "u1", "mh-1");
        processed.deleted("alice@x", "u1");
        assertEquals(new Sighting(false, Relisted.SAME_MESSAGE), processed.retrieved("alice@x", "u1", "mh-1"),
                "the server kept it: not a second delivery for the ledger");
        assertTrue(processed.skips("alice@x", "u1"));

        processed.deleted("alice@x", "u1");
        assertEquals(new Sighting(true, Relisted.ANOTHER_MESSAGE), processed.retrieved("alice@x", "u1", "mh-2"),
                "another message under the id: its first sighting");
        processed.deleted("alice@x", "u1");
        assertEquals(new Sighting(true, Relisted.ANOTHER_MESSAGE), processed.retrieved("alice@x", "u1", null));
        processed.deleted("alice@x", "u1");
        assertEquals(new Sighting(true, Relisted.UNKNOWN_SENDER), processed.retrieved("alice@x", "u1", null), "neither is ours: cannot tell which");
    }

    @Test
    void aDeletionOfAUniqueIdNeverProcessedIsIgnored() {
        processed.deleted("alice@x", "u9");
        assertFalse(processed.skips("alice@x", "u9"));
        assertEquals(new Sighting(true, Relisted.NO), processed.retrieved("alice@x", "u9", "mh-9"));
    }
}
