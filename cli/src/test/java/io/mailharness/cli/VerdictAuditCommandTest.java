package io.mailharness.cli;

import io.mailharness.result.CheckResult;
import io.mailharness.result.ConformanceResultFile;
import io.mailharness.result.ConformanceRun;
import io.mailharness.result.Level;
import io.mailharness.result.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mailharness verdict-audit}: reads a compare-servers folder, writes the audit, and --check fails on a missing or stale note. */
class VerdictAuditCommandTest {
    @TempDir
    Path dir;
    Path compare;
    Path notes;
    Path preamble;

    @BeforeEach
    void compareServersFolder() throws IOException {
        compare = dir.resolve("compare");
        CheckResult ctrl = new CheckResult("SMTP-CMD-CTRL", List.of("5321"), "4.1.2", "Syntax", Level.MUST, "control octets refused",
                List.of("read-only", "anti-abuse"), Outcome.FAIL, "501", "MAIL FROM:<a\\x01b@x> → 250 Ok\\r\\n",
                "== SMTP connection 1 ==\nC: MAIL FROM:<a\\x01b@x>\\r\\n\nS: 250 Ok\\r\\n\n", 20);
        CheckResult noop = new CheckResult("SMTP-NOOP", List.of("5321"), "4.1.1.9", "NOOP", Level.MUST, "NOOP is answered 250",
                List.of("read-only"), Outcome.PASS, "", "", "", 3);
        ConformanceResultFile.write(new ConformanceRun("mta-target", "an MTA", "220 mx", "", "2026-12-05T12:00:00Z", false, List.of(ctrl, noop)),
                compare.resolve("conformance").resolve("mta"));
        ConformanceResultFile.write(new ConformanceRun("embedded-greenmail", "GreenMail", "220 gm", "+OK gm", "2026-12-05T11:00:00Z", false, List.of(noop)),
                compare.resolve("conformance").resolve("greenmail"));
        Files.writeString(compare.resolve("versions.txt"), "greenmail=GreenMail 2.1.3\nmta=mta 4.96\n");
        notes = Files.writeString(dir.resolve("notes.tsv"), "mta\tSMTP-CMD-CTRL\tFAIL\tjustified\tthe control octet was taken\n");
        preamble = Files.writeString(dir.resolve("preamble.md"), "# Verdicts\n\nHow the audit was done.\n");
    }

    private CliRun audit(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("verdict-audit", "--notes", notes.toString(), "--preamble", preamble.toString()));
        args.addAll(List.of(more));
        args.add(compare.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void writesTheAuditFromACompareServersFolder() throws IOException {
        Path out = dir.resolve("VERDICTS.md");
        CliRun run = audit("--out", out.toString());
        assertEquals(0, run.status(), run.toString());
        String md = Files.readString(out);
        assertTrue(md.startsWith("# Verdicts\n\nHow the audit was done.\n"), md);
        assertTrue(md.indexOf("## greenmail — GreenMail") < md.indexOf("## mta — an MTA"), "targets in the order their runs started");
        assertTrue(md.contains("- Version: mta 4.96\n"), md);
        assertTrue(md.contains("| SMTP-CMD-CTRL | MUST | FAIL | justified | the control octet was taken | `C: MAIL FROM:<a\\x01b@x>\\r\\n`<br>`S: 250 Ok\\r\\n`"), md);

        assertEquals("", run.err(), "every row has its note");
    }

    @Test
    void checkPassesWhenEveryRowHasItsNote() {
        CliRun run = audit("--check");
        assertEquals(0, run.status(), run.toString());
        assertEquals("", run.out(), run.toString());
        assertTrue(run.err().contains("1 rows on 2 targets, every one matches its note"), run.err());
    }

    @Test
    void checkFailsOnARowWithoutANote() throws IOException {
        Files.writeString(notes, "# no notes yet\n");
        CliRun run = audit("--check");
        assertEquals(1, run.status(), run.toString());
        assertEquals("mta SMTP-CMD-CTRL FAIL: no note\n", run.out().replace(System.lineSeparator(), "\n"));
        CliRun written = audit("--out", dir.resolve("VERDICTS.md").toString());
        assertEquals(0, written.status(), written.toString());
        assertTrue(written.err().contains("1 rows without a note or stale notes; --check lists them"), written.toString());
    }

    @Test
    void checkFailsOnAStaleNote() throws IOException {
        Files.writeString(notes, "mta\tSMTP-CMD-CTRL\tFAIL\tjustified\ttaken\ngreenmail\tSMTP-NOOP\tWARN\tjustified\tNOOP with an argument refused\n");
        CliRun run = audit("--check");
        assertEquals(1, run.status(), run.toString());
        assertEquals("greenmail SMTP-NOOP WARN: stale note (line 2): the run gives PASS\n", run.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aBrokenNotesFileIsOneErrorLine() throws IOException {
        Files.writeString(notes, "mta\tSMTP-CMD-CTRL\tMAYBE\tjustified\twhy\n");
        CliRun run = audit("--check");
        assertEquals(2, run.status(), run.toString());
        assertTrue(run.oneErrorLine("verdict-audit") && run.err().contains("line 1: verdict 'MAYBE'"), run.toString());
    }
}
