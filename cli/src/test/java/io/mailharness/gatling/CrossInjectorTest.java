package io.mailharness.gatling;

import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.gate.TestRuns;
import io.mailharness.record.Ledger;
import io.mailharness.record.MessageTrace;
import io.mailharness.record.RunRecord;
import io.mailharness.gate.merge.RunRecordMerger;
import io.mailharness.gate.merge.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two injectors, one process after the other against one server: injector 1/2 sends and never reads,
 * injector 2/2 reads what 1/2 sent. Each record alone is incomplete (1/2 lost everything, 2/2 saw only
 * foreign messages); merged, every message counts once, delivered.
 */
class CrossInjectorTest {
    @TempDir
    Path first;
    @TempDir
    Path second;

    @AfterEach
    void reset() {
        System.clearProperty(Injector.PROPERTY);
    }

    @Test
    void aMessageSentByInjector1AndReadByInjector2CountsOnceInTheMerge() {
        try (FaultyMailServer server = FaultyMailServer.start()) {
            CrossInjectorSimulation.target = server.settings(Duration.ofSeconds(5));

            System.setProperty(Injector.PROPERTY, "1/2");
            CrossInjectorSimulation.sender = true;
            InProcessGatling.run(CrossInjectorSimulation.class, first);
            System.setProperty(Injector.PROPERTY, "2/2");
            CrossInjectorSimulation.sender = false;
            InProcessGatling.run(CrossInjectorSimulation.class, second);

            RunRecord sent = InProcessGatling.record(CrossInjectorSimulation.class, first);
            // Injectors of one run run together; these two ran one after the other, so the reader's window is
            // widened back to the sender's start, as merge refuses runs that did not overlap in time.
            RunRecord reader = InProcessGatling.record(CrossInjectorSimulation.class, second);
            RunRecord read = TestRuns.withWindow(reader, sent.start(), reader.end());
            assertEquals(new Ledger(4, 4, 0, 0, 0, 0, 0, 4), sent.ledger(), "alone, the sender saw nothing arrive");
            assertEquals(Ledger.EMPTY, read.ledger(), "alone, the reader sent nothing");
            assertEquals(4, read.messages().size(), "but it traced what it read: " + read.messages());
            assertTrue(read.messages().stream().allMatch(t -> t.digest().isEmpty() && t.acceptedAtMillis() == -1 && t.retrievals() == 1));

            RunRecordMerger.Merged merged = RunRecordMerger.merge(List.of(new SourceRecord("injector-1", sent), new SourceRecord("injector-2", read)));

            assertEquals(new Ledger(4, 4, 0, 4, 4, 0, 0, 0), merged.record().ledger(), "sent, accepted, rejected, retrieved, intact, corrupted, duplicated, lost");
            assertEquals(List.of(), merged.warnings());
            List<MessageTrace> joined = merged.record().messages();
            assertEquals(4, joined.size());
            assertTrue(joined.stream().allMatch(t -> !t.digest().isEmpty() && t.acceptedAtMillis() > 0 && t.retrievals() == 1), joined.toString());
        }
    }
}
