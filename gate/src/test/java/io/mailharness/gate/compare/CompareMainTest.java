package io.mailharness.gate.compare;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareMainTest {
    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void identicalRecordsPassAndWriteAllThreeReports() throws IOException {
        RunRecord run = TestRuns.run(2_000);
        Path baseline = write("baseline", run);
        Path current = write("current", run);
        Path reports = folder.resolve("reports");

        assertEquals(ExitCode.OK, compare("--out", reports.toString(), baseline.toString(), current.toString()));
        assertTrue(out().contains("Compare MailDay: OK"), out());
        assertEquals("", err());

        String markdown = Files.readString(reports.resolve(CompareMain.SUMMARY_FILE));
        assertTrue(markdown.contains("| smtp send | p95 |"), markdown);
        String junit = Files.readString(reports.resolve(CompareMain.JUNIT_FILE));
        assertTrue(junit.contains("tests=\"10\" failures=\"0\""), junit);
        String page = Files.readString(reports.resolve(CompareMain.PAGE_FILE));
        assertTrue(page.contains("<svg") && page.contains("<polyline"), "the page draws the curves");
        assertFalse(page.contains("<script src") || page.contains("<link") || page.contains("@import"), "the page loads nothing from elsewhere");
    }

    @Test
    void aRecordDoctoredThirtyPercentSlowerAtP95Fails() throws IOException {
        RunRecord run = TestRuns.run(2_000);
        Path baseline = write("baseline", run);
        Path current = write("current", RunComparatorTest.doctoredP95(run, 1.3));
        Path reports = folder.resolve("reports");

        assertEquals(ExitCode.REGRESSED, compare("--out", reports.toString(), baseline.toString(), current.toString()));
        assertTrue(out().contains("regressed"), out());
        assertEquals(1, err().lines().count(), err());
        String junit = Files.readString(reports.resolve(CompareMain.JUNIT_FILE));
        assertTrue(junit.contains("name=\"p95\" time=\"0\">\n      <failure type=\"regressed\""), junit);
        assertTrue(junit.contains("failures=\"1\""), junit);
        assertTrue(Files.readString(reports.resolve(CompareMain.SUMMARY_FILE)).contains("**regressed**"));
    }

    @Test
    void aBaselineFolderSuppliesItsToleranceFileAndAResultsFolderItsNewestRecord() throws IOException {
        RunRecord run = TestRuns.run(2_000);
        Path baselineFolder = folder.resolve("baselines/mail-day");
        write("baselines/mail-day", run);
        Files.writeString(baselineFolder.resolve(Tolerances.FILE_NAME), "defaults { p95 { percent = 40 } }\n");
        write("results/load/mailday-20250301/", RunComparatorTest.doctoredP95(run, 1.3));

        assertEquals(ExitCode.OK, compare(baselineFolder.toString(), folder.resolve("results").toString()));
        assertTrue(out().contains("tolerances: " + baselineFolder.resolve(Tolerances.FILE_NAME)), out());
        assertTrue(Files.exists(folder.resolve("results/load/mailday-20250301/compare").resolve(CompareMain.SUMMARY_FILE)));
    }

    @Test
    void inconclusiveFailsOnlyWithStrict() throws IOException {
        RunRecord run = TestRuns.run(2_000);
        Path baseline = write("baseline", run);
        Path current = write("current", TestRuns.withInjector(run, TestRuns.injector(1, 1, 0.5, 0.99)));
        assertEquals(ExitCode.OK, compare(baseline.toString(), current.toString()));
        assertTrue(out().contains("INCONCLUSIVE"), out());
        assertEquals(ExitCode.REGRESSED, compare("--strict", baseline.toString(), current.toString()));
    }

    @Test
    void aMissingFileIsExitTwoWithOneLine() throws IOException {
        Path current = write("current", TestRuns.run(100));
        assertBadInput("does not exist", folder.resolve("nowhere.json").toString(), current.toString());
    }

    @Test
    void recordsOfDifferentSimulationsAreExitTwoWithOneLine() throws IOException {
        RunRecord run = TestRuns.run(100);
        Path baseline = write("baseline", run);
        Path current = write("current", TestRuns.withSimulation(run, "Burst", TestRuns.TARGET));
        assertBadInput("different simulations", baseline.toString(), current.toString());
    }

    @Test
    void aMalformedRecordIsExitTwoWithOneLine() throws IOException {
        Path baseline = write("baseline", TestRuns.run(100));
        Path broken = Files.writeString(folder.resolve("broken.json"), "{\"formatVersion\": 1, \"simulation\": ");
        assertBadInput("malformed", baseline.toString(), broken.toString());
    }

    @Test
    void aMalformedHistogramIsExitTwoWithOneLine() throws IOException {
        String json = RunRecordFiles.toJson(TestRuns.run(100)).replaceFirst("\"histogram\"\\s*:\\s*\"[^\"]+\"", "\"histogram\" : \"bm90IGEgaGlzdG9ncmFt\"");
        Path broken = Files.writeString(folder.resolve(RunRecord.FILE_NAME), json);
        Path baseline = write("baseline", TestRuns.run(100));
        assertBadInput("malformed latency histogram", baseline.toString(), broken.toString());
    }

    @Test
    void aWrongCallIsExitTwoWithOneLine() throws IOException {
        assertBadInput("needs BASELINE and CURRENT", "only-one.json");
        assertBadInput("unknown option --fast", "--fast", "a", "b");
    }

    private void assertBadInput(String expected, String... args) {
        out.reset();
        err.reset();
        assertEquals(ExitCode.BAD_INPUT, compare(args));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("compare: ") && err().contains(expected), err());
        assertFalse(err().contains("Exception") || err().contains("\tat "), err());
    }

    private int compare(String... args) {
        out.reset();
        err.reset();
        return CompareMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String subfolder, RunRecord record) throws IOException {
        Path file = folder.resolve(subfolder).resolve(RunRecord.FILE_NAME);
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
