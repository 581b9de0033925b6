package io.mailharness.pages;

import io.mailharness.result.CheckResult;
import io.mailharness.result.ConformanceRun;
import io.mailharness.result.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.mailharness.pages.MatrixPageTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConformanceRunPageTest {
    private final ConformanceRun run = ComparisonFixtures.run("exim", Outcome.FAIL, Outcome.PASS);
    private final String page = ConformanceRunPage.render(run, ComparisonFixtures.GENERATED);

    @Test
    void itIsTheMatrixWithTheRunAsItsOnlyColumn() {
        assertEquals(1, count(page, "<th class=\"server\""));
        assertEquals(6, count(page, "<tr class=\"check"));
        assertEquals(6, count(page, "<button type=\"button\" class=\"cell "));
        assertEquals(6, count(page, "<section class=\"detail\""));
        assertTrue(page.contains("<title>Conformance of exim</title>"));
        assertTrue(page.contains("title=\"FAIL\" data-outcome=\"FAIL\">✗1</span>"));
        assertTrue(page.contains("class=\"cell o-fail\" data-detail=\"d-3-0\" aria-controls=\"panel\" aria-label=\"SMTP-NOOP on exim: FAIL\">✗ FAIL</button>"));
    }

    @Test
    void theHeadingGivesTheRunAndItsResult() {
        assertTrue(page.contains("6 checks against <b>exim</b> (exim on 127.0.0.1), started 2025-01-02T03:00:00Z. Result: <b class=\"result-failed\">FAILED</b>."), page);
        ConformanceRun passed = ComparisonFixtures.run("exim", Outcome.PASS, Outcome.WARN);
        assertTrue(ConformanceRunPage.render(passed, ComparisonFixtures.GENERATED).contains("Result: <b class=\"result-passed\">passed</b>"));
        ConformanceRun strict = new ConformanceRun(passed.target(), passed.description(), passed.serverGreeting(), passed.startedAt(), true, passed.checks());
        assertTrue(ConformanceRunPage.render(strict, ComparisonFixtures.GENERATED).contains(" in strict mode. Result: <b class=\"result-failed\">FAILED</b>"),
                "strict: the WARN fails the run");
    }

    @Test
    void keepsTheFiltersButNotWhatOnlyAComparisonHas() {
        for (String level : new String[] {"MUST", "SHOULD", "MAY", "INFO"}) assertTrue(page.contains("name=\"level\" value=\"" + level + "\""));
        assertTrue(page.contains("name=\"tag\" value=\"anti-abuse\""));
        assertTrue(page.contains("id=\"find\""));
        assertFalse(page.contains("id=\"only-differing\""), "one server: nothing can differ");
        assertFalse(page.contains("version unknown"));
        assertFalse(page.contains("NOT RUN"));
    }

    @Test
    void transcriptsAndNamesAreEscaped() {
        assertTrue(page.contains("<pre class=\"transcript\">C: MAIL FROM:&lt;a&amp;b@example.org&gt;\\r\n"
                + "S: 250 ok &lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;\\rC: DATA\n</pre>"));
        assertEquals(1, count(page, "</script>"));
        ConformanceRun hostile = new ConformanceRun("mx\"><script>alert(1)</script>", "", "220 <b>hi</b>", "", "", false,
                List.of(new CheckResult("X-1", List.of("5321"), "1", "T", io.mailharness.result.Level.MUST, "r", List.of("a\"b"), Outcome.PASS, "", "", "", 1)));
        String other = ConformanceRunPage.render(hostile, ComparisonFixtures.GENERATED);
        assertTrue(other.contains("data-server=\"mx&#34;>&lt;script>alert(1)&lt;/script>\""), "an attribute cannot be closed from a name");
        assertTrue(other.contains("<title>Conformance of mx\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
        assertTrue(other.contains("data-tags=\"a&#34;b\""));
        assertTrue(other.contains(">220 &lt;b&gt;hi&lt;/b&gt;</div>"));
        ConformanceRun controls = new ConformanceRun("mx", "", "220 \u001b[2J\u0007 \u009b2J hi", "", "", false, hostile.checks());
        String greeting = ConformanceRunPage.render(controls, ComparisonFixtures.GENERATED);
        assertTrue(greeting.contains(">220 \\x1b[2J\\x07 \\x9b2J hi</div>"), "the greeting's control octets are shown escaped");
        assertFalse(greeting.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b), "none reaches the page raw");
        assertEquals(1, count(other, "<script>"));
        MatrixPageTest.assertSelfContained(other);
    }

    @Test
    void writesConformanceHtmlIntoTheFolder(@TempDir Path dir) throws Exception {
        Path written = ConformanceRunPage.write(run, dir.resolve("results"));
        assertEquals(dir.resolve("results").resolve("conformance.html"), written);
        String content = Files.readString(written);
        assertTrue(content.startsWith("<!DOCTYPE html>"));
        assertTrue(content.contains("<title>Conformance of exim</title>"));
        assertTrue(content.matches("(?s).*Generated \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\..*"), "generated now, to the second");
        MatrixPageTest.assertSelfContained(content);
    }
}
