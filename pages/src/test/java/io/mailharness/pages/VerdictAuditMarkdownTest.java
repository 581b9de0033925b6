package io.mailharness.pages;

import io.mailharness.result.CheckResult;
import io.mailharness.result.ConformanceRun;
import io.mailharness.result.Level;
import io.mailharness.result.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdict audit: rows joined with notes, the problems --check lists, and the Markdown written from them. */
class VerdictAuditMarkdownTest {
    private static final String CTRL_TRANSCRIPT = "== SMTP connection 1 ==\n-- connected to 127.0.0.1:2525\nS: 220 mx\\r\\n\n"
            + "C: AUTH PLAIN c2VjcmV0\\r\\n\nS: 235 ok\\r\\n\nC: MAIL FROM:<a\u0001b@example.com>\\r\\n\nS: 250 2.1.0 Ok\\r\\n\n"
            + "C: QUIT\\r\\n\nS: 221 Bye\\r\\n\n";

    static CheckResult check(String id, Outcome outcome, List<String> tags, String actual, String transcript) {
        return new CheckResult(id, List.of("5321"), "4.1.1", "Commands", Level.MUST, "a rule", tags, outcome,
                outcome == Outcome.PASS ? "" : "a 5yz reply", actual, transcript, 1500);
    }

    static ConformanceRun run() {
        return new ConformanceRun("mta", "An MTA on loopback", "220 mx ESMTP", "+OK ready", "2026-12-05T12:00:00Z", false, List.of(
                check("SMTP-CMD-CTRL", Outcome.FAIL, List.of("read-only", "anti-abuse"), "MAIL FROM:<a\\x01b@example.com>\\r\\n → 250 2.1.0 Ok\\r\\n", CTRL_TRANSCRIPT),
                check("SMTP-NOOP", Outcome.PASS, List.of("read-only"), "", ""),
                check("SMTP-SMUG-CR", Outcome.PASS, List.of("anti-abuse"), "", "S: 354 go\\r\\n\nC: A\\r.\\r\\n\nS: 250 Ok\\r\\n\nC: QUIT\\r\\n\nS: 221 Bye\\r\\n\n"),
                check("SMTP-VRFY", Outcome.WARN, List.of("read-only"), "VRFY → 252 maybe\\r\\n", "C: VRFY\\r\\n\nS: 252 maybe\\r\\n\n")));
    }

    static final String NOTES = "# target\tcheck\tverdict\taudit\twhy\n"
            + "mta\tSMTP-CMD-CTRL\tFAIL\tjustified\ta control octet | accepted with 250\n"
            + "mta\tSMTP-VRFY\tWARN\tSUSPECT\tVRFY without argument is a syntax question\n";

    private static VerdictAudit audit(String notes) {
        return new VerdictAudit(List.of(new VerdictAudit.Target("mta", "mta 1.2", run())), VerdictNotes.parse(notes, "notes.tsv"));
    }

    @Test
    void theMarkdownHasThePreambleTheSuspectsAndARowPerReviewedVerdict() {
        String md = VerdictAuditMarkdown.of("# Audit\n\nHand-written.\n", audit(NOTES));
        assertTrue(md.startsWith("# Audit\n\nHand-written.\n\n<!-- "), md);
        assertTrue(md.contains("| SMTP-VRFY | mta | WARN | VRFY without argument is a syntax question |"), md);
        assertTrue(md.contains("## mta — An MTA on loopback\n\n- Version: mta 1.2\n- Greeting: SMTP `220 mx ESMTP`, POP3 `+OK ready`\n"
                + "- Run: started 2026-12-05T12:00:00Z, the checks took 6.0 s\n"
                + "- Counts: 2 PASS, 1 FAIL, 1 WARN, 0 SKIP, 0 INFO (3 rows below: every FAIL and WARN, and every anti-abuse PASS; 1 not reviewed)\n"), md);
        assertTrue(md.contains("| SMTP-CMD-CTRL | MUST | FAIL | justified | a control octet \\| accepted with 250 | "
                + "`C: MAIL FROM:<a\\x01b@example.com>\\r\\n`<br>`S: 250 2.1.0 Ok\\r\\n`<br>"
                + "`harness: MAIL FROM:<a\\x01b@example.com>\\r\\n → 250 2.1.0 Ok\\r\\n` |\n"), md);
        assertTrue(md.contains("| SMTP-SMUG-CR | MUST | PASS | **not reviewed** |  | `C: A\\r.\\r\\n`<br>`S: 250 Ok\\r\\n` |\n"), md);
        assertTrue(md.contains("| SMTP-VRFY | MUST | WARN | **SUSPECT** |"), md);
        assertFalse(md.contains("SMTP-NOOP"), "a PASS of a row not tagged anti-abuse is not reviewed");
        assertFalse(md.contains("\u0001"), "octets made visible");
    }

    @Test
    void quotedClientLinesAreMaskedAgain() {
        List<String> lines = TranscriptQuote.exchangeLines(CTRL_TRANSCRIPT);
        assertTrue(lines.contains("C: AUTH PLAIN ****\\r\\n"), lines.toString());
        assertFalse(String.join("\n", lines).contains("c2VjcmV0"));
    }

    @Test
    void aLongMultiLineReplyIsShortenedToItsEnds() {
        List<String> lines = TranscriptQuote.exchangeLines("C: EHLO c\\r\\n\nS: 250-mx\\r\\n\nS: 250-SIZE 1\\r\\n\nS: 250-DSN\\r\\n\n"
                + "S: 250-8BITMIME\\r\\n\nS: 250 CHUNKING\\r\\n\nC: NOOP\\r\\n\n");
        assertEquals(List.of("C: EHLO c\\r\\n", "S: 250-mx\\r\\n", "S: …(3 more lines of this reply)", "S: 250 CHUNKING\\r\\n", "C: NOOP\\r\\n"), lines);
    }

    @Test
    void aLongLineIsCutWithItsLength() {
        assertEquals("x".repeat(TranscriptQuote.MAX_LINE_CHARS) + "…[200]", TranscriptQuote.bounded("x".repeat(200)));
    }

    @Test
    void everyRowWithItsNoteIsNoProblem() {
        String all = NOTES + "mta\tSMTP-SMUG-CR\tPASS\tjustified\tone message, no early reply\n";
        assertEquals(List.of(), audit(all).problems());
    }

    @Test
    void aRowWithoutANoteAndAStaleNoteAreProblems() {
        String stale = NOTES.replace("SMTP-VRFY\tWARN", "SMTP-VRFY\tFAIL") + "mta\tSMTP-NOOP\tFAIL\tjustified\twas refused\nexim\tSMTP-NOOP\tPASS\tjustified\tfine\n";
        assertEquals(List.of(
                "mta SMTP-SMUG-CR PASS: no note",
                "mta SMTP-VRFY WARN: no note (the note on line 3 is for FAIL)",
                "mta SMTP-VRFY FAIL: stale note (line 3): the run gives WARN",
                "mta SMTP-NOOP FAIL: stale note (line 4): the run gives PASS",
                "exim: no result for this target (1 notes)"), audit(stale).problems());
        assertTrue(VerdictAuditMarkdown.of("", audit(stale)).contains("| SMTP-VRFY | MUST | WARN | **not reviewed** |"));
    }

    @Test
    void aBadNotesLineIsOneLineNamingIt() {
        ComparisonInputException fields = assertThrows(ComparisonInputException.class, () -> VerdictNotes.parse("mta\tSMTP-NOOP\tPASS\n", "n.tsv"));
        assertEquals("verdict notes n.tsv line 1: expected 5 tab-separated fields (target, check ID, verdict, audit, why), found 3", fields.getMessage());
        ComparisonInputException mark = assertThrows(ComparisonInputException.class, () -> VerdictNotes.parse("mta\tX\tPASS\tok\twhy\n", "n.tsv"));
        assertTrue(mark.getMessage().contains("audit mark 'ok'"), mark.getMessage());
        ComparisonInputException twice = assertThrows(ComparisonInputException.class,
                () -> VerdictNotes.parse("mta\tX\tPASS\tjustified\ta\nmta\tX\tFAIL\tjustified\tb\n", "n.tsv"));
        assertTrue(twice.getMessage().contains("line 2: mta X has a note already on line 1"), twice.getMessage());
    }
}
