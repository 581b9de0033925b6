package io.mailharness.gate.baseline;

import io.mailharness.record.MessageTrace;
import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import io.mailharness.gate.TestRuns;
import io.mailharness.gate.cli.ExitCode;
import io.mailharness.gate.compare.CompareMain;
import io.mailharness.gate.compare.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromoteBaselineMainTest {
    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void promotesARunWritesDefaultTolerancesOnceAndKeepsEditedOnes() throws IOException {
        RunRecord run = withMessages(TestRuns.run(2_000), List.of(new MessageTrace("m1", "d", 1, 2, 1, 0)));
        Path runFile = write("results/load/mailday-1", run);
        Path baseline = folder.resolve("baselines/mail-day");

        assertEquals(ExitCode.OK, promote(runFile.getParent().toString(), baseline.toString()), err());
        RunRecord promoted = RunRecordFiles.read(baseline.resolve(RunRecord.FILE_NAME));
        assertEquals(run.requests(), promoted.requests());
        assertEquals(run.ledger(), promoted.ledger());
        assertEquals(List.of(), promoted.messages(), "traces stay out of the committed baseline");
        assertEquals(Tolerances.DEFAULTS_TEXT, Files.readString(baseline.resolve(Tolerances.FILE_NAME)));

        String edited = "defaults { p99 { percent = 40 } }\n";
        Files.writeString(baseline.resolve(Tolerances.FILE_NAME), edited);
        assertEquals(ExitCode.OK, promote(runFile.toString(), baseline.toString()), err());
        assertEquals(edited, Files.readString(baseline.resolve(Tolerances.FILE_NAME)));
        assertTrue(out().contains("kept tolerances"), out());

        ByteArrayOutputStream compareOut = new ByteArrayOutputStream();
        int status = CompareMain.run(new String[] {baseline.toString(), runFile.toString()},
                new PrintStream(compareOut, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCode.OK, status, "a run compared with itself as the promoted baseline passes");
    }

    @Test
    void aMalformedRunIsExitTwoAndLeavesTheBaselineAlone() throws IOException {
        Path broken = Files.writeString(folder.resolve("broken.json"), "not json");
        Path baseline = folder.resolve("baseline");
        assertEquals(ExitCode.BAD_INPUT, promote(broken.toString(), baseline.toString()));
        assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
        assertTrue(Files.notExists(baseline));
    }

    @Test
    void warnsWhenTheRunsInjectorWasSaturated() throws IOException {
        Path runFile = write("run", TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(1, 1, 0.95, 1.0)));
        assertEquals(ExitCode.OK, promote(runFile.toString(), folder.resolve("baseline").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("near CPU saturation"));
    }

    private int promote(String... args) {
        out.reset();
        err.reset();
        return PromoteBaselineMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String subfolder, RunRecord record) throws IOException {
        Path file = folder.resolve(subfolder).resolve(RunRecord.FILE_NAME);
        Files.createDirectories(file.getParent());
        RunRecordFiles.write(record, file);
        return file;
    }

    private static RunRecord withMessages(RunRecord run, List<MessageTrace> messages) {
        return new RunRecord(run.formatVersion(), run.simulation(), run.target(), run.runId(), run.start(), run.end(),
                run.parameters(), run.injector(), run.requests(), run.errorsByReplyClass(), run.ledger(), messages, run.errors());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
