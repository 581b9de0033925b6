package io.mailharness.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static io.mailharness.pages.MatrixPageTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadComparisonPageTest {
    private final LoadComparisonModel model = ComparisonFixtures.load();
    private final String page = LoadComparisonPage.render(model);

    @Test
    void chartsCoverThroughputThreeLatencyPercentilesAndDeliveryLatency() {
        assertEquals(5, count(page, "<svg class=\"chart\""));
        assertTrue(page.contains("aria-label=\"Throughput per stage\""));
        assertTrue(page.contains("id=\"latency-p95\">"), "p95 shown first");
        assertTrue(page.contains("id=\"latency-p99\" hidden>"));
        assertTrue(page.contains("aria-label=\"Delivery latency\""));
        assertTrue(page.contains("smtp DATA &lt;end-of-data&gt;"), "stage names escaped");
        assertFalse(page.contains("<end-of-data>"));
    }

    @Test
    void stageTableHasARowPerStageAndServer() {
        String table = page.substring(page.indexOf("id=\"stages-table\""), page.indexOf("id=\"delivery\""));
        assertEquals(4, count(table, "class=\"group-start\""));
        assertEquals(1 + 4 * 2, count(table, "<tr"), "the header row, then one row per stage and available server");
    }

    @Test
    void ledgerHighlightsLostCorruptedAndDuplicated() {
        String ledger = page.substring(page.indexOf("id=\"ledger-table\""), page.indexOf("id=\"errors\""));
        assertTrue(ledger.contains("<td class=\"lost alarm\">⚠ 7</td>"));
        assertTrue(ledger.contains("<td class=\"corrupted alarm\">⚠ 2</td>"));
        assertTrue(ledger.contains("<td class=\"duplicated alarm\">⚠ 1</td>"));
        assertTrue(ledger.contains("<td class=\"lost\">0</td>"), "a clean ledger is not highlighted");
        assertTrue(page.contains("<b>exim</b> lost 7 and corrupted 2 accepted messages."));
    }

    @Test
    void overloadedInjectorIsFlaggedAndUnavailableServerShown() {
        assertEquals(1, count(page, "class=\"bad-box overloaded-warning\""));
        assertTrue(page.contains("<b>Injector overloaded</b> on exim: CPU 80 % average, 97 % peak."));
        assertTrue(page.contains("<td class=\"cpu overloaded\">97 % ⚠ overloaded</td>"));
        assertTrue(page.contains("<span class=\"badge o-na\">unavailable</span> server did not start"));
    }

    @Test
    void pageIsSelfContained() {
        MatrixPageTest.assertSelfContained(page);
        assertEquals(1, count(page, "</script>"));
        assertTrue(page.contains(".o-na {") && page.contains(".chart .grid {"), "both style sheets are inlined");
        assertTrue(page.contains("getElementById('percentile-picker')"), "the script is inlined");
    }

    @Test
    void hostileServerNamesStayText() {
        LoadComparisonModel hostile = LoadComparisonModel.build("t", ComparisonFixtures.GENERATED, java.util.List.of(
                LoadColumn.of("x\"><script>alert(1)</script>", "<v>", ComparisonFixtures.record("x", 1, 0.1, 0.1, ComparisonFixtures.cleanLedger())),
                LoadColumn.unavailable("y", "", "port <busy> & refused")));
        String html = LoadComparisonPage.render(hostile);
        assertEquals(1, count(html, "<script>"), "only the page's own script");
        assertTrue(html.contains("data-server=\"x&#34;>&lt;script>alert(1)&lt;/script>\""));
        assertTrue(html.contains("<b>x\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;</b>"));
        assertTrue(html.contains("<td class=\"name small\">&lt;v&gt;</td>"));
        assertTrue(html.contains("port &lt;busy&gt; &amp; refused"));
        assertTrue(html.contains("· x\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;</text>") || html.contains("· x\"&gt;&lt;script&gt;alert(1)&lt;/scr…</text>"),
                "chart labels are escaped too");
    }

    @Test
    void jsonCarriesTheSameNumbers() throws Exception {
        JsonNode root = new ObjectMapper().readTree(LoadComparisonJson.render(model));
        assertEquals("MailDay", root.get("simulation").asText());
        assertEquals(3, root.get("servers").size());
        assertTrue(root.at("/servers/1/injector/overloaded").asBoolean());
        assertFalse(root.at("/servers/0/injector/overloaded").asBoolean());
        assertEquals(7, root.at("/servers/1/ledger/lost").asLong());
        assertEquals("server did not start", root.at("/servers/2/unavailableReason").asText());
        assertEquals(4, root.get("stages").size());
        assertEquals(10.0, root.at("/stages/0/servers/postfix-dovecot/perSecond").asDouble());
        assertEquals(12.5, root.at("/stages/0/servers/exim/p95").asDouble());
        assertEquals(1500.0, root.at("/deliveryLatency/exim/p95").asDouble());
        assertTrue(root.at("/stages/0/servers/opensmtpd").isMissingNode());
    }
}
