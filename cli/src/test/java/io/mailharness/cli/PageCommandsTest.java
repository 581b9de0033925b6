package io.mailharness.cli;

import io.mailharness.gate.TestRuns;
import io.mailharness.record.RunRecord;
import io.mailharness.result.CheckResult;
import io.mailharness.result.ConformanceRun;
import io.mailharness.result.Level;
import io.mailharness.result.Outcome;
import io.mailharness.result.ConformanceResultFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mailharness conformance-matrix} and {@code load-comparison}: columns in the order typed, and one-line errors. */
class PageCommandsTest {
    @TempDir
    Path dir;

    private Path conformanceResult(String target, Outcome outcome) throws IOException {
        CheckResult check = new CheckResult("SMTP-NOOP", List.of("5321"), "4.1.1.9", "NOOP", Level.MUST, "NOOP is answered 250",
                List.of("read-only"), outcome, "250", outcome == Outcome.PASS ? "" : "500", "C: NOOP\r\nS: 500\r\n", 3);
        ConformanceRun run = new ConformanceRun(target, target, "220 " + target, "+OK " + target, "2025-01-02T03:00:00Z", false, List.of(check));
        return ConformanceResultFile.write(run, dir.resolve(target));
    }

    @Test
    void theMatrixHasAColumnPerResultAndUnavailableServerInTheOrderTyped() throws IOException {
        conformanceResult("postfix-dovecot", Outcome.PASS);
        Path exim = conformanceResult("exim", Outcome.FAIL);
        Path versions = Files.writeString(dir.resolve("versions.txt"), "postfix-dovecot: postfix 3.7.11\nexim=exim4 4.96\n");
        Path out = dir.resolve("page");
        CliRun run = CliRun.of("conformance-matrix", "--out", out.toString(), "--versions=" + versions,
                dir.resolve("postfix-dovecot").toString(), "--unavailable", "opensmtpd=start failed", exim.toString());
        assertEquals(0, run.status(), run.toString());
        assertEquals(out.resolve("conformance-matrix.html").toAbsolutePath() + "\n" + out.resolve("conformance-matrix.json").toAbsolutePath() + "\n",
                run.out().replace(System.lineSeparator(), "\n"));
        String page = Files.readString(out.resolve("conformance-matrix.html"));
        assertTrue(page.contains("postfix 3.7.11") && page.contains("exim4 4.96") && page.contains("start failed"));
        assertTrue(page.indexOf("data-server=\"postfix-dovecot\"") < page.indexOf("data-server=\"opensmtpd\"")
                && page.indexOf("data-server=\"opensmtpd\"") < page.indexOf("data-server=\"exim\""), "columns in the order typed");
        assertTrue(page.contains("<title>Conformance matrix"), "the default title");
    }

    @Test
    void theLoadComparisonTakesResultsFoldersAndNameEqualsNamesTheColumn() throws IOException {
        GateFixtures.write(dir, "results/exim/mailday-1", TestRuns.withSimulation(TestRuns.run(500), TestRuns.SIMULATION, "exim"));
        Path file = GateFixtures.write(dir, "postfix", TestRuns.run(500));
        Path out = dir.resolve("load");
        CliRun run = CliRun.of("load-comparison", "--out", out.toString(), "--title", "Load <today>", file.toString(), "mta-b=" + dir.resolve("results/exim"));
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().contains("load-comparison.html") && run.out().contains("load-comparison.json"), run.out());
        String json = Files.readString(out.resolve("load-comparison.json"));
        assertTrue(json.contains("\"mta-b\"") && json.contains("\"" + TestRuns.TARGET + "\""), "NAME= names the column; else the record's target");
        assertTrue(Files.readString(out.resolve("load-comparison.html")).contains("Load &lt;today&gt;"), "the title, escaped");
    }

    @Test
    void badInputIsOneLineOnStderrAndExitTwo() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"formatVersion\": 1, ");
        check("does not exist", "conformance-matrix", "--out", dir.toString(), dir.resolve("missing.json").toString());
        check("not valid JSON", "conformance-matrix", "--out", dir.toString(), broken.toString());
        check("--out", "conformance-matrix", dir.resolve("x.json").toString());
        check("no input given", "conformance-matrix", "--out", dir.toString());
        check("--bogus", "conformance-matrix", "--out", dir.toString(), "--bogus");
        check("NAME=REASON", "conformance-matrix", "--out", dir.toString(), "--unavailable", "=why");
        check("NAME=REASON, got 'exim'", "conformance-matrix", "--out", dir.toString(), "--unavailable", "exim");
        check("NAME=REASON, got 'exim= '", "conformance-matrix", "--out", dir.toString(), "--unavailable", "exim= ");
        check("versions file", "conformance-matrix", "--out", dir.toString(), "--versions", dir.resolve("none.txt").toString(), "x");
        check("malformed", "load-comparison", "--out", dir.toString(), broken.toString());
        check("no " + RunRecord.FILE_NAME, "load-comparison", "--out", dir.toString(), dir.toString());
        check("--out", "load-comparison", "--out");
    }

    private static void check(String expected, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.status(), run.toString());
        assertTrue(run.oneErrorLine(args[0]) && run.err().contains(expected), run.toString());
        assertEquals("", run.out());
    }

    @Test
    void helpIsPrintedWithExitZero() {
        CliRun run = CliRun.of("load-comparison", "--help");
        assertEquals(0, run.status());
        assertTrue(run.out().startsWith("Usage: mailharness load-comparison"), run.out());
    }
}
