package io.mailharness.gatling.ledger;

import io.mailharness.record.DeliveryCheck;
import io.mailharness.record.DeliveryClass;
import io.mailharness.record.Ledger;
import io.mailharness.record.MessageTrace;
import io.mailharness.record.MessageReconciliation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ledger's record contract: one trace per message this injector sent or retrieved, keyed alike on
 * both sides, so that a merge counts a message sent by one injector and read by another exactly once.
 */
class DeliveryLedgerTest {
    private static final String ALICE = "alice@mailharness.test";
    private static final String BOB = "bob@mailharness.test";

    @Test
    void aForeignMessageIsTracedUnderItsSendersKeyAndCountsInNoFigureHere() {
        DeliveryLedger reader = new DeliveryLedger();
        long[] acceptedAt = new long[1];

        assertEquals(DeliveryLedger.Sighting.UNKNOWN, reader.retrieved("mh-aaaaaa-1-0", 1, ALICE, DeliveryClass.INTACT, 1_000, acceptedAt));
        assertEquals(-1, acceptedAt[0]);
        assertEquals(DeliveryLedger.Sighting.UNKNOWN, reader.retrieved("mh-aaaaaa-1-1", 2, "Bob@Mailharness.test", null, 2_000, acceptedAt));
        assertEquals(DeliveryLedger.Sighting.UNKNOWN, reader.retrieved("mh-aaaaaa-1-0", 1, ALICE, DeliveryClass.INTACT, 3_000, acceptedAt));

        assertEquals(Ledger.EMPTY, reader.snapshot(), "foreign messages count in no figure of this injector's ledger");
        assertEquals(2, reader.foreign(), "two distinct foreign deliveries");
        assertEquals(List.of(
                new MessageTrace("mh-aaaaaa-1-0", "", -1, 1_000, 2, 0),
                new MessageTrace("mh-aaaaaa-1-1/" + BOB, "", -1, 2_000, 1, 1)), reader.traces());
    }

    @Test
    void aMessageSentByOneInjectorAndReadByAnotherCountsOnceInTheMerge() {
        DeliveryLedger sender = new DeliveryLedger();
        DeliveryLedger reader = new DeliveryLedger();
        long[] acceptedAt = new long[1];
        // one single-recipient message and one to two maildrops, both accepted by the server
        sendAndAccept(sender, "mh-aaaaaa-1-0", Set.of(ALICE), "d0", 100);
        sendAndAccept(sender, "mh-aaaaaa-1-1", Set.of(ALICE, BOB), "d1", 200);
        // injector 2 reads all three deliveries; the second copy of -1-1 to bob arrives altered
        reader.retrieved("mh-aaaaaa-1-0", 1, ALICE, DeliveryClass.INTACT, 150, acceptedAt);
        reader.retrieved("mh-aaaaaa-1-1", 2, ALICE, DeliveryClass.INTACT, 250, acceptedAt);
        reader.retrieved("mh-aaaaaa-1-1", 2, BOB, null, 260, acceptedAt);

        Ledger alone = sender.snapshot();
        assertEquals(3, alone.lost(), "on its own the sender saw nothing arrive");

        List<MessageTrace> joined = MessageReconciliation.combine(List.of(sender.traces(), reader.traces()));
        assertEquals(3, joined.size(), "one trace per delivery: " + joined);
        Ledger merged = MessageReconciliation.ledger(joined, alone.sent(), alone.accepted(), alone.rejected());
        assertEquals(new Ledger(2, 2, 0, 3, 2, 1, 0, 0), merged, "sent, accepted, rejected, retrieved, intact, corrupted, duplicated, lost");
        MessageTrace first = joined.stream().filter(t -> t.id().equals("mh-aaaaaa-1-0")).findFirst().orElseThrow();
        assertEquals(new MessageTrace("mh-aaaaaa-1-0", "d0", 100, 150, 1, 0), first);
    }

    @Test
    void aMessageReadByBothInjectorsIsADuplicateInTheMerge() {
        DeliveryLedger sender = new DeliveryLedger();
        DeliveryLedger reader = new DeliveryLedger();
        long[] acceptedAt = new long[1];
        sendAndAccept(sender, "mh-aaaaaa-1-0", Set.of(ALICE), "d0", 100);
        assertEquals(DeliveryLedger.Sighting.FIRST, sender.retrieved("mh-aaaaaa-1-0", 1, ALICE, DeliveryClass.INTACT, 150, acceptedAt));
        assertEquals(100, acceptedAt[0]);
        reader.retrieved("mh-aaaaaa-1-0", 1, ALICE, DeliveryClass.INTACT, 170, acceptedAt);

        List<MessageTrace> joined = MessageReconciliation.combine(List.of(sender.traces(), reader.traces()));
        Ledger merged = MessageReconciliation.ledger(joined, 1, 1, 0);
        assertEquals(new Ledger(1, 1, 0, 1, 1, 0, 1, 0), merged);
    }

    @Test
    void everyDeliveryOwedIsInExactlyOneClass() {
        DeliveryLedger ledger = new DeliveryLedger();
        long[] acceptedAt = new long[1];
        for (int i = 0; i < 7; i++) sendAndAccept(ledger, "mh-aaaaaa-1-" + i, Set.of(ALICE), "d" + i, 100);
        ledger.retrieved("mh-aaaaaa-1-0", 1, ALICE, DeliveryClass.INTACT, 150, acceptedAt);
        ledger.retrieved("mh-aaaaaa-1-1", 1, ALICE, DeliveryClass.ANNOTATED, 150, acceptedAt);
        ledger.retrieved("mh-aaaaaa-1-2", 1, ALICE, DeliveryClass.HEADERS_REWRITTEN, 150, acceptedAt);
        ledger.retrieved("mh-aaaaaa-1-3", 1, ALICE, DeliveryClass.TRUNCATED, 150, acceptedAt);
        ledger.listed(ALICE, List.of("uid-4", "uid-x"));                  // the listing shows two messages not retrieved yet
        ledger.retrievalFailed(ALICE, "uid-4", "mh-aaaaaa-1-4", 1);       // cut off part way: the stamp told which message
        ledger.retrievalFailed(ALICE, "uid-x", null, 1);                  // -ERR to RETR: some message of alice's
        // 1-5 and 1-6 never seen: one of them is the message alice listed but would not hand over

        DeliveryCheck check = ledger.check(true, null, null);

        assertEquals(new DeliveryCheck(true, 7, 1, 1, 1, 0, 1, 0, 2, 1, null, null), check);
        assertEquals(true, check.balances());
        assertEquals(new Ledger(7, 7, 0, 4, 2, 2, 0, 1), ledger.snapshot(), "annotated is unharmed; not retrievable is not lost");
        ledger.retrievalSucceeded(ALICE, "uid-x");
        assertEquals(2, ledger.check(true, null, null).lost(), "retrieved after all: that failure no longer counts");
    }

    private static void sendAndAccept(DeliveryLedger ledger, String id, Set<String> maildrops, String digest, long at) {
        ledger.expecting(id, maildrops.size(), maildrops);
        ledger.sent();
        ledger.accepted(id, maildrops.size(), maildrops, digest, at, () -> new byte[0]);
    }
}
