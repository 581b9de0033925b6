package io.mailharness.result;

import org.junit.jupiter.api.Test;

import java.util.List;

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
}
