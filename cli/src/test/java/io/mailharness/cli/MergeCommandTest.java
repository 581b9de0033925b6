package io.mailharness.cli;

import io.mailharness.gate.TestRuns;
import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static io.mailharness.cli.GateFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mailharness merge}: injectors' records into one, and one-line errors. */
class MergeCommandTest {
    @TempDir
    Path results;

    @Test
    void mergesInjectorFoldersAndNeverReadsItsOwnOutputBackIn() throws IOException {
        write(results, "injector-0/load/mailday-1", TestRuns.withInjector(TestRuns.run(1_000), TestRuns.injector(1, 2, 0.3, 0.5)));
        write(results, "injector-1/load/mailday-2", TestRuns.withInjector(TestRuns.run(2_000), TestRuns.injector(2, 2, 0.3, 0.5)));
        Path merged = results.resolve("merged").resolve(RunRecord.FILE_NAME);

        for (int run = 0; run < 2; run++) {
            CliRun merge = CliRun.of("merge", "--out", merged.toString(), results.toString());
            assertEquals(ExitCode.OK, merge.status(), merge.toString());
            assertEquals(3_000, RunRecordFiles.read(merged).requests().get("smtp send").count());
            assertTrue(merge.out().contains("merged 2 run record(s) of MailDay"), merge.out());
        }
    }

    @Test
    void anOutThatIsAnInjectorsRecordIsRefusedAndLeftAsItWas() throws IOException {
        Path a = write(results, "inj1/mailday-1", TestRuns.withInjector(TestRuns.run(1_000), TestRuns.injector(1, 2, 0.3, 0.5)));
        write(results, "inj2/mailday-2", TestRuns.withInjector(TestRuns.run(2_000), TestRuns.injector(2, 2, 0.3, 0.5)));
        String before = java.nio.file.Files.readString(a);

        for (String[] args : new String[][] {
                {"merge", "--out", a.toString(), results.resolve("inj1").toString(), results.resolve("inj2").toString()},
                {"merge", "--out", a.getParent().toString(), a.toString(), results.resolve("inj2").toString()}}) {
            CliRun merge = CliRun.of(args);
            assertEquals(ExitCode.USER_ERROR, merge.status(), merge.toString());
            assertTrue(merge.oneErrorLine("merge"), merge.toString());
            assertTrue(merge.err().contains("would overwrite its measurements"), merge.err());
            assertEquals(before, java.nio.file.Files.readString(a), "injector 1's measurements are kept");
        }
    }

    @Test
    void aMissingInjectorIsExitTwoWithNothingWrittenUnlessAllowed() throws IOException {
        Path one = write(results, "inj1", TestRuns.withInjector(TestRuns.run(1_000), TestRuns.injector(1, 2, 0.3, 0.5)));
        Path merged = results.resolve("merged").resolve(RunRecord.FILE_NAME);

        CliRun half = CliRun.of("merge", "--out", merged.toString(), one.toString());
        assertEquals(ExitCode.USER_ERROR, half.status(), half.toString());
        assertTrue(half.oneErrorLine("merge") && half.err().contains("missing injector(s) [2]"), half.toString());
        assertTrue(java.nio.file.Files.notExists(merged), "half the load is not written as the whole");

        CliRun allowed = CliRun.of("merge", "--allow-missing", "--out", merged.toString(), one.toString());
        assertEquals(ExitCode.OK, allowed.status(), allowed.toString());
        assertTrue(allowed.err().contains("warning: 2 injectors ran, 1 records merged; missing injector(s) [2]"), allowed.err());
        assertEquals(1_000, RunRecordFiles.read(merged).requests().get("smtp send").count());
    }

    @Test
    void aFolderAsOutMeansARunRecordInIt() throws IOException {
        Path a = write(results, "a", TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(1, 1, 0.3, 0.5)));
        Path out = java.nio.file.Files.createDirectories(results.resolve("merged"));
        CliRun merge = CliRun.of("merge", "--out=" + out, a.toString());
        assertEquals(ExitCode.OK, merge.status(), merge.toString());
        assertEquals(100, RunRecordFiles.read(out.resolve(RunRecord.FILE_NAME)).requests().get("smtp send").count());
    }

    @Test
    void recordsOfDifferentSimulationsAreExitTwoWithOneLine() throws IOException {
        Path a = write(results, "a", TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(1, 2, 0.3, 0.5)));
        Path b = write(results, "b", TestRuns.withSimulation(TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(2, 2, 0.3, 0.5)), "Burst", TestRuns.TARGET));
        CliRun merge = CliRun.of("merge", "--out", results.resolve("m.json").toString(), a.toString(), b.toString());
        assertEquals(ExitCode.USER_ERROR, merge.status());
        assertTrue(merge.oneErrorLine("merge"), merge.toString());
        assertTrue(merge.err().startsWith("mailharness merge: cannot merge records of different simulations"), merge.err());
    }

    @Test
    void aMissingInputOrOutIsExitTwo() {
        CliRun missing = CliRun.of("merge", "--out", results.resolve("m.json").toString(), results.resolve("nowhere").toString());
        assertEquals(ExitCode.USER_ERROR, missing.status());
        assertTrue(missing.oneErrorLine("merge"), missing.toString());
        CliRun noOut = CliRun.of("merge", results.toString());
        assertEquals(ExitCode.USER_ERROR, noOut.status());
        assertTrue(noOut.oneErrorLine("merge") && noOut.err().contains("--out"), noOut.toString());
        CliRun noInput = CliRun.of("merge", "--out", results.resolve("m.json").toString());
        assertEquals(ExitCode.USER_ERROR, noInput.status());
        assertTrue(noInput.oneErrorLine("merge") && noInput.err().contains("INPUT"), noInput.toString());
    }
}
