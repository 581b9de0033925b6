package io.mailharness.gatling;

import io.mailharness.faultserver.Faults;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.faultserver.smtp.SmtpFaults;
import io.mailharness.faultserver.smtp.SmtpStage;
import io.mailharness.record.Ledger;
import io.mailharness.record.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DSL needs no base class: the protocol itself runs the ledger, writes the run record and closes what users left open. */
class PlainSimulationTest {
    @TempDir
    Path results;

    @Test
    void aPlainSimulationRunsRecordsAndClosesItsConnections() {
        try (FaultyMailServer server = FaultyMailServer.start();
             FaultyMailServer silent = FaultyMailServer.builder().readTimeout(Duration.ofSeconds(60)).faults(Faults.of(SmtpFaults.stallAt(SmtpStage.MAIL))).start()) {
            PlainSimulation.target = server.settings(Duration.ofSeconds(5));
            PlainSimulation.silentAtMail = silent.settings(Duration.ofSeconds(60));
            long start = System.nanoTime();

            assertEquals(0, InProcessGatling.run(PlainSimulation.class, results));

            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds < 30, "the run ended at its maximum duration, not when the silent server gave up: " + seconds + " s");
            RunRecord record = InProcessGatling.record(PlainSimulation.class, results);
            assertEquals("PlainSimulation", record.simulation());
            assertEquals(new Ledger(4, 3, 1, 3, 3, 0, 0, 0), record.ledger(), "3 delivered; the stuck transaction, cut off, counts as rejected");
            assertEquals(3, record.requests().get(RunRecord.DELIVERY_LATENCY).ok());
            RunRecord.Connections connections = record.connections();
            assertEquals(1, connections.closedAtEnd(), "the stuck user's connection was closed when the run ended");
            assertEquals(0, connections.openAfterRun());
            assertEquals(1, connections.requestsCutOff(), "its MAIL was under way: neither OK nor KO");
            assertTrue(record.errors().isEmpty(), "nothing failed before the end: " + record.errors());
        }
    }
}
