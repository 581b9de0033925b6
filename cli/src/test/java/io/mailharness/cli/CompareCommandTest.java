package io.mailharness.cli;

import io.mailharness.gate.TestRuns;
import io.mailharness.gate.compare.RegressionGate;
import io.mailharness.gate.compare.Tolerances;
import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.mailharness.cli.GateFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mailharness compare}: the CI regression gate's exit statuses, reports and one-line errors. */
class CompareCommandTest {
    @TempDir
    Path folder;

    @Test
    void identicalRecordsPassAndWriteAllThreeReports() throws IOException {
        RunRecord run = TestRuns.run(2_000);
        Path baseline = write(folder, "baseline", run);
        Path current = write(folder, "current", run);
        Path reports = folder.resolve("reports");

        CliRun compare = CliRun.of("compare", "--out", reports.toString(), baseline.toString(), current.toString());
        assertEquals(ExitCode.OK, compare.status(), compare.toString());
        assertTrue(compare.out().contains("Compare MailDay: OK"), compare.out());
        assertEquals("", compare.err());

        String markdown = Files.readString(reports.resolve(RegressionGate.SUMMARY_FILE));
        assertTrue(markdown.contains("| smtp send | p95 |"), markdown);
        String junit = Files.readString(reports.resolve(RegressionGate.JUNIT_FILE));
        assertTrue(junit.contains("tests=\"14\" failures=\"0\""), junit); // two requests' five metrics, the ledger's four classes
        String page = Files.readString(reports.resolve(RegressionGate.PAGE_FILE));
        assertTrue(page.contains("<svg") && page.contains("<polyline"), "the page draws the curves");
        assertFalse(page.contains("<script src") || page.contains("<link") || page.contains("@import"), "the page loads nothing from elsewhere");
    }

    @Test
    void theOutOptionTakesItsValueAttachedToo() throws IOException {
        RunRecord run = TestRuns.run(500);
        Path baseline = write(folder, "baseline", run);
        Path current = write(folder, "current", run);
        CliRun compare = CliRun.of("compare", "--out=" + folder.resolve("attached"), baseline.toString(), current.toString());
        assertEquals(ExitCode.OK, compare.status(), compare.toString());
        assertTrue(Files.exists(folder.resolve("attached").resolve(RegressionGate.SUMMARY_FILE)));
    }

    @Test
    void aRecordDoctoredThirtyPercentSlowerAtP95Fails() throws IOException {
        RunRecord run = TestRuns.run(2_000);
        Path baseline = write(folder, "baseline", run);
        Path current = write(folder, "current", GateFixtures.slowerP95(run, 1.3));
        Path reports = folder.resolve("reports");

        CliRun compare = CliRun.of("compare", "--out", reports.toString(), baseline.toString(), current.toString());
        assertEquals(ExitCode.FAILED, compare.status());
        assertTrue(compare.out().contains("regressed"), compare.out());
        assertTrue(compare.oneErrorLine("compare") && compare.err().contains("failed the gate"), compare.toString());
        String junit = Files.readString(reports.resolve(RegressionGate.JUNIT_FILE));
        assertTrue(junit.contains("name=\"p95\" time=\"0\">\n      <failure type=\"regressed\""), junit);
        assertTrue(junit.contains("failures=\"1\""), junit);
        assertTrue(Files.readString(reports.resolve(RegressionGate.SUMMARY_FILE)).contains("**regressed**"));
    }

    @Test
    void aBaselineFolderSuppliesItsToleranceFileAndAResultsFolderItsNewestRecord() throws IOException {
        RunRecord run = TestRuns.run(2_000);
        Path baselineFolder = folder.resolve("baselines/mail-day");
        write(folder, "baselines/mail-day", run);
        Files.writeString(baselineFolder.resolve(Tolerances.FILE_NAME), "defaults { p95 { percent = 40 } }\n");
        write(folder, "results/load/mailday-20250301/", GateFixtures.slowerP95(run, 1.3));

        CliRun compare = CliRun.of("compare", baselineFolder.toString(), folder.resolve("results").toString());
        assertEquals(ExitCode.OK, compare.status(), compare.toString());
        assertTrue(compare.out().contains("tolerances: " + baselineFolder.resolve(Tolerances.FILE_NAME)), compare.out());
        assertTrue(Files.exists(folder.resolve("results/load/mailday-20250301/compare").resolve(RegressionGate.SUMMARY_FILE)));
    }

    @Test
    void aToleranceFileGivenOnTheCommandLineWins() throws IOException {
        RunRecord run = TestRuns.run(2_000);
        Path baseline = write(folder, "baseline", run);
        Path current = write(folder, "current", GateFixtures.slowerP95(run, 1.3));
        Path lenient = Files.writeString(folder.resolve("lenient.conf"), "defaults { p95 { percent = 40 } }\n");
        assertEquals(ExitCode.OK, CliRun.of("compare", "--tolerances", lenient.toString(), baseline.toString(), current.toString()).status());
    }

    @Test
    void inconclusiveFailsOnlyWithStrict() throws IOException {
        RunRecord run = TestRuns.run(2_000);
        Path baseline = write(folder, "baseline", run);
        Path current = write(folder, "current", TestRuns.withInjector(run, TestRuns.injector(1, 1, 0.5, 0.99)));
        CliRun lenient = CliRun.of("compare", baseline.toString(), current.toString());
        assertEquals(ExitCode.OK, lenient.status());
        assertTrue(lenient.out().contains("INCONCLUSIVE"), lenient.out());
        assertEquals(ExitCode.FAILED, CliRun.of("compare", "--strict", baseline.toString(), current.toString()).status());
    }

    @Test
    void aMissingFileIsExitTwoWithOneLine() throws IOException {
        Path current = write(folder, "current", TestRuns.run(100));
        assertBadInput("does not exist", folder.resolve("nowhere.json").toString(), current.toString());
    }

    @Test
    void recordsOfDifferentSimulationsAreExitTwoWithOneLine() throws IOException {
        RunRecord run = TestRuns.run(100);
        Path baseline = write(folder, "baseline", run);
        Path current = write(folder, "current", TestRuns.withSimulation(run, "Burst", TestRuns.TARGET));
        assertBadInput("different simulations", baseline.toString(), current.toString());
    }

    @Test
    void aMalformedRecordIsExitTwoWithOneLine() throws IOException {
        Path baseline = write(folder, "baseline", TestRuns.run(100));
        Path broken = Files.writeString(folder.resolve("broken.json"), "{\"formatVersion\": 1, \"simulation\": ");
        assertBadInput("malformed", baseline.toString(), broken.toString());
    }

    @Test
    void aMalformedHistogramIsExitTwoWithOneLine() throws IOException {
        String json = RunRecordFiles.toJson(TestRuns.run(100)).replaceFirst("\"histogram\"\\s*:\\s*\"[^\"]+\"", "\"histogram\" : \"bm90IGEgaGlzdG9ncmFt\"");
        Path broken = Files.writeString(folder.resolve(RunRecord.FILE_NAME), json);
        Path baseline = write(folder, "baseline", TestRuns.run(100));
        assertBadInput("malformed latency histogram", baseline.toString(), broken.toString());
    }

    @Test
    void aWrongCallIsExitTwoWithOneLine() {
        assertBadInput("CURRENT", "only-one.json");
        assertBadInput("--fast", "--fast", "a", "b");
    }

    private static void assertBadInput(String expected, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "compare";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun compare = CliRun.of(all);
        assertEquals(ExitCode.USER_ERROR, compare.status(), compare.toString());
        assertTrue(compare.oneErrorLine("compare") && compare.err().contains(expected), compare.toString());
        assertEquals("", compare.out());
    }
}
