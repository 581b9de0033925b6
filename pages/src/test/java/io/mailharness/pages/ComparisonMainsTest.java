package io.mailharness.pages;

import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import io.mailharness.result.Outcome;
import io.mailharness.result.ResultJsonWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonMainsTest {
    @TempDir
    Path dir;

    private record Outcome3(int exit, String out, String err) {}

    private interface Tool {
        int run(String[] args, PrintStream out, PrintStream err, java.time.Instant now);
    }

    private Outcome3 run(Tool tool, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = tool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), ComparisonFixtures.GENERATED);
        return new Outcome3(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void matrixMainWritesPageAndJsonAndPrintsTheirPaths() throws Exception {
        ResultJsonWriter.write(ComparisonFixtures.run("postfix-dovecot", Outcome.PASS, Outcome.WARN), dir.resolve("postfix-dovecot"));
        ResultJsonWriter.write(ComparisonFixtures.run("exim", Outcome.FAIL, Outcome.PASS), dir.resolve("exim"));
        Path versions = Files.writeString(dir.resolve("versions.txt"), "postfix-dovecot: postfix 3.7.11\nexim=exim4 4.96\n");
        Path out = dir.resolve("page");
        Outcome3 r = run(ConformanceMatrixMain::run, "--out", out.toString(), "--versions", versions.toString(),
                dir.resolve("postfix-dovecot").toString(), dir.resolve("exim/conformance-result.json").toString(),
                "--unavailable", "opensmtpd=start failed");
        assertEquals(0, r.exit(), r.err());
        assertEquals(out.resolve(MatrixPage.FILE_NAME).toAbsolutePath() + "\n" + out.resolve(MatrixJson.FILE_NAME).toAbsolutePath() + "\n",
                r.out().replace(System.lineSeparator(), "\n"));
        String page = Files.readString(out.resolve(MatrixPage.FILE_NAME));
        assertTrue(page.contains("postfix 3.7.11") && page.contains("exim4 4.96") && page.contains("start failed"));
        assertTrue(page.indexOf("data-server=\"postfix-dovecot\"") < page.indexOf("data-server=\"exim\"")
                && page.indexOf("data-server=\"exim\"") < page.indexOf("data-server=\"opensmtpd\""), "columns in the order given");
    }

    @Test
    void loadMainReadsFilesAndResultsFolders() throws Exception {
        Path runFolder = Files.createDirectories(dir.resolve("results/exim/mailday-1"));
        RunRecordFiles.write(ComparisonFixtures.record("exim", 2, 0.9, 0.95, ComparisonFixtures.lossyLedger()), runFolder.resolve(RunRecord.FILE_NAME));
        Path file = dir.resolve("postfix.json");
        RunRecordFiles.write(ComparisonFixtures.record("postfix-dovecot", 1, 0.2, 0.3, ComparisonFixtures.cleanLedger()), file);
        Path out = dir.resolve("load");
        Outcome3 r = run(LoadComparisonMain::run, "--out", out.toString(), file.toString(), "mta-b=" + dir.resolve("results/exim"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(LoadComparisonPage.FILE_NAME) && r.out().contains(LoadComparisonJson.FILE_NAME));
        String page = Files.readString(out.resolve(LoadComparisonPage.FILE_NAME));
        assertTrue(page.contains("<b>mta-b</b> lost 7"), "NAME= names the column");
    }

    @Test
    void badInputIsOneLineOnStderrAndExitTwo() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"formatVersion\": 1, ");
        check(run(ConformanceMatrixMain::run, "--out", dir.toString(), dir.resolve("missing.json").toString()), "does not exist");
        check(run(ConformanceMatrixMain::run, "--out", dir.toString(), broken.toString()), "not valid JSON");
        check(run(ConformanceMatrixMain::run, dir.resolve("x.json").toString()), "--out DIR is required");
        check(run(ConformanceMatrixMain::run, "--out", dir.toString()), "no input given");
        check(run(ConformanceMatrixMain::run, "--out", dir.toString(), "--bogus"), "unknown option --bogus");
        check(run(ConformanceMatrixMain::run, "--out", dir.toString(), "--versions", dir.resolve("none.txt").toString(), "x"), "versions file");
        check(run(LoadComparisonMain::run, "--out", dir.toString(), broken.toString()), "malformed");
        check(run(LoadComparisonMain::run, "--out", dir.toString(), dir.toString()), "no run-record.json");
        check(run(LoadComparisonMain::run, "--out"), "--out needs a value");
    }

    private static void check(Outcome3 r, String expected) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertEquals("", r.out());
    }

    @Test
    void helpIsPrintedWithExitZero() {
        Outcome3 r = run(LoadComparisonMain::run, "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: LoadComparisonMain"));
    }

}
