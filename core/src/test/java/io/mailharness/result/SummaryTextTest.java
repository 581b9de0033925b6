package io.mailharness.result;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTextTest {
    @Test
    void greetingsReachTheTerminalEscaped() {
        ConformanceRun run = new ConformanceRun("hostile", "", "220 \u001b]0;owned\u0007 \u009b2J ESMTP", "+OK \u001b[31mred",
                "2026-12-06T00:00:00Z", false, List.of());
        String text = SummaryText.render(run);
        assertTrue(text.contains("SMTP greeting: 220 \\x1b]0;owned\\x07 \\x9b2J ESMTP"), text);
        assertTrue(text.contains("POP3 greeting: +OK \\x1b[31mred"), text);
        assertFalse(text.chars().anyMatch(c -> c == 0x1b || c == 0x9b || c == 0x07), "no control octet left raw");
    }

    @Test
    void aStoppedRunSaysItIsIncomplete() {
        CheckResult done = new CheckResult("SMTP-NOOP", List.of("5321"), "4.1.1.9", "NOOP", Level.MUST, "NOOP gets 250", List.of(),
                Outcome.PASS, "", "", "", 5);
        CheckResult cut = new CheckResult("SMTP-RSET", List.of("5321"), "4.1.1.5", "RSET", Level.MUST, "RSET gets 250", List.of(),
                Outcome.SKIP, "", CheckResult.NOT_FINISHED + "the run was stopped by a signal", "", 0);
        ConformanceRun stopped = new ConformanceRun("t", "", "", "", "2026-12-06T00:00:00Z", false, List.of(done, cut));
        assertEquals(1, stopped.unfinished());
        String text = SummaryText.render(stopped);
        assertTrue(text.contains("Incomplete: 1 of 2 checks did not finish (counted as skip): the run was stopped\nResult: passed, incomplete\n"), text);
        ConformanceRun ended = new ConformanceRun("t", "", "", "", "2026-12-06T00:00:00Z", false, List.of(done));
        assertFalse(SummaryText.render(ended).contains("ncomplete"), "a run that ended says nothing of it");
    }
}
