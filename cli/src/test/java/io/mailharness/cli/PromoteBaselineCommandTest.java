package io.mailharness.cli;

import io.mailharness.gate.TestRuns;
import io.mailharness.gate.compare.Tolerances;
import io.mailharness.record.MessageTrace;
import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.mailharness.cli.GateFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mailharness promote-baseline}: a run becomes the baseline compare then passes against. */
class PromoteBaselineCommandTest {
    @TempDir
    Path folder;

    @Test
    void promotesARunWritesDefaultTolerancesOnceAndKeepsEditedOnes() throws IOException {
        RunRecord run = TestRuns.run(2_000).withMessages(List.of(new MessageTrace("m1", "d", 1, 2, 1, 0)));
        Path runFile = write(folder, "results/load/mailday-1", run);
        Path baseline = folder.resolve("baselines/mail-day");

        CliRun first = CliRun.of("promote-baseline", runFile.getParent().toString(), baseline.toString());
        assertEquals(ExitCode.OK, first.status(), first.toString());
        RunRecord promoted = RunRecordFiles.read(baseline.resolve(RunRecord.FILE_NAME));
        assertEquals(run.requests(), promoted.requests());
        assertEquals(run.ledger(), promoted.ledger());
        assertEquals(List.of(), promoted.messages(), "traces stay out of the committed baseline");
        assertEquals(run.withMessages(List.of()), promoted, "everything else is kept: error groups, delivery classes, connections, KO latencies");
        assertEquals(Tolerances.DEFAULTS_TEXT, Files.readString(baseline.resolve(Tolerances.FILE_NAME)));

        String edited = "defaults { p99 { percent = 40 } }\n";
        Files.writeString(baseline.resolve(Tolerances.FILE_NAME), edited);
        CliRun second = CliRun.of("promote-baseline", runFile.toString(), baseline.toString());
        assertEquals(ExitCode.OK, second.status(), second.toString());
        assertEquals(edited, Files.readString(baseline.resolve(Tolerances.FILE_NAME)));
        assertTrue(second.out().contains("kept tolerances"), second.out());

        assertEquals(ExitCode.OK, CliRun.of("compare", baseline.toString(), runFile.toString()).status(),
                "a run compared with itself as the promoted baseline passes");
    }

    @Test
    void aMalformedRunIsExitTwoAndLeavesTheBaselineAlone() throws IOException {
        Path broken = Files.writeString(folder.resolve("broken.json"), "not json");
        Path baseline = folder.resolve("baseline");
        CliRun promote = CliRun.of("promote-baseline", broken.toString(), baseline.toString());
        assertEquals(ExitCode.USER_ERROR, promote.status());
        assertTrue(promote.oneErrorLine("promote-baseline"), promote.toString());
        assertTrue(Files.notExists(baseline));
    }

    @Test
    void aRunThatRecordedNoRequestsCannotBecomeTheBaseline() throws IOException {
        Path runFile = write(folder, "results/load/crashed-1", TestRuns.withRequests(TestRuns.run(100), java.util.Map.of()));
        Path baseline = folder.resolve("baseline");
        CliRun promote = CliRun.of("promote-baseline", runFile.toString(), baseline.toString());
        assertEquals(ExitCode.USER_ERROR, promote.status(), promote.toString());
        assertTrue(promote.oneErrorLine("promote-baseline"), promote.toString());
        assertTrue(promote.err().contains("recorded no requests"), promote.err());
        assertTrue(Files.notExists(baseline.resolve(RunRecord.FILE_NAME)));
    }

    @Test
    void theRunsOwnFolderCannotBeItsBaseline() throws IOException {
        RunRecord run = TestRuns.run(2_000).withMessages(List.of(new MessageTrace("m1", "d", 1, 2, 1, 0)));
        Path runFile = write(folder, "results/load/mailday-1", run);
        String before = Files.readString(runFile);
        CliRun promote = CliRun.of("promote-baseline", runFile.getParent().toString(), runFile.getParent().resolve(".").toString());
        assertEquals(ExitCode.USER_ERROR, promote.status(), promote.toString());
        assertTrue(promote.oneErrorLine("promote-baseline"), promote.toString());
        assertTrue(promote.err().contains("the run's own folder"), promote.err());
        assertEquals(before, Files.readString(runFile), "the run keeps its message traces");
        assertTrue(Files.notExists(runFile.resolveSibling(Tolerances.FILE_NAME)));
    }

    @Test
    void warnsWhenTheRunsInjectorWasSaturated() throws IOException {
        Path runFile = write(folder, "run", TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(1, 1, 0.95, 1.0)));
        CliRun promote = CliRun.of("promote-baseline", runFile.toString(), folder.resolve("baseline").toString());
        assertEquals(ExitCode.OK, promote.status());
        assertTrue(promote.err().contains("near CPU saturation"), promote.err());
    }
}
