package io.mailharness.gate.merge;

import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import io.mailharness.gate.TestRuns;
import io.mailharness.gate.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergeMainTest {
    @TempDir
    Path results;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void mergesInjectorFoldersAndNeverReadsItsOwnOutputBackIn() throws IOException {
        write("injector-0/load/mailday-1", TestRuns.withInjector(TestRuns.run(1_000), TestRuns.injector(1, 2, 0.3, 0.5)));
        write("injector-1/load/mailday-2", TestRuns.withInjector(TestRuns.run(2_000), TestRuns.injector(2, 2, 0.3, 0.5)));
        Path merged = results.resolve("merged").resolve(RunRecord.FILE_NAME);

        for (int run = 0; run < 2; run++) {
            assertEquals(ExitCode.OK, merge("--out", merged.toString(), results.toString()), err());
            assertEquals(3_000, RunRecordFiles.read(merged).requests().get("smtp send").count());
        }
        assertTrue(out().contains("merged 2 run record(s) of MailDay"), out());
    }

    @Test
    void recordsOfDifferentSimulationsAreExitTwoWithOneLine() throws IOException {
        Path a = write("a", TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(1, 2, 0.3, 0.5)));
        Path b = write("b", TestRuns.withSimulation(TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(2, 2, 0.3, 0.5)), "Burst", TestRuns.TARGET));
        assertEquals(ExitCode.BAD_INPUT, merge("--out", results.resolve("m.json").toString(), a.toString(), b.toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("merge: cannot merge records of different simulations"), err());
    }

    @Test
    void aMissingInputIsExitTwo() {
        assertEquals(ExitCode.BAD_INPUT, merge("--out", results.resolve("m.json").toString(), results.resolve("nowhere").toString()));
        assertEquals(1, err().lines().count(), err());
    }

    private int merge(String... args) {
        out.reset();
        err.reset();
        return MergeMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String folder, RunRecord record) throws IOException {
        Path file = results.resolve(folder).resolve(RunRecord.FILE_NAME);
        Files.createDirectories(file.getParent());
        RunRecordFiles.write(record, file);
        return file;
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
