package io.mailharness.pages;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatrixPageTest {
    private final MatrixModel model = ComparisonFixtures.matrix();
    private final String page = MatrixPage.render(model);

    static int count(String haystack, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void everyCheckHasARowAndEveryCellADetail() {
        assertEquals(6, count(page, "<tr class=\"check"));
        for (MatrixModel.Row row : model.rows()) assertTrue(page.contains("data-check=\"" + row.id() + "\""), row.id());
        assertEquals(5, count(page, "<tr class=\"section\""));
        assertEquals(6 * 3, count(page, "<button type=\"button\" class=\"cell "));
        assertEquals(6 * 3, count(page, "<section class=\"detail\""));
    }

    @Test
    void transcriptsAreEscapedWithCarriageReturnsVisible() {
        assertTrue(page.contains("<pre class=\"transcript\">C: MAIL FROM:&lt;a&amp;b@example.org&gt;\\r\n"
                + "S: 250 ok &lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;\\rC: DATA\n</pre>"), "escaped transcript");
        assertFalse(page.contains("<b>bold</b>"));
        assertEquals(1, count(page, "<script>"));
        assertEquals(1, count(page, "</script>"), "no transcript can close the page's script");
        assertFalse(page.contains("\r"), "no raw CR reaches the page");
    }

    @Test
    void headerShowsVersionsTotalsAndTheUnavailableReason() {
        assertTrue(page.contains("postfix 3.7.11-0+deb12u1, dovecot-pop3d 1:2.3.19.1+dfsg1-2.1+deb12u1"));
        assertTrue(page.contains("exim4 4.96-15+deb12u7"));
        assertTrue(page.contains("title=\"PASS\" data-outcome=\"PASS\">✓3</span>"));
        assertTrue(page.contains("title=\"FAIL\" data-outcome=\"FAIL\">✗1</span>"));
        assertTrue(page.contains("title=\"WARN\" data-outcome=\"WARN\">!1</span>"));
        assertTrue(page.contains("<span class=\"badge o-na\">unavailable</span>"));
        assertTrue(page.contains("start failed: port 2525 &lt;busy&gt; &amp; refused"));
        assertTrue(page.contains("<title>Conformance matrix &lt;test&gt;</title>"));
    }

    @Test
    void cellsCarryATextLabelNotOnlyAColour() {
        assertTrue(page.contains("class=\"cell o-fail\" data-detail=\"d-3-1\" aria-controls=\"panel\" aria-label=\"SMTP-NOOP on exim: FAIL\">✗ FAIL</button>"));
        assertTrue(page.contains(">✓ PASS</button>"));
        assertTrue(page.contains(">! WARN</button>"));
        assertTrue(page.contains(">– SKIP</button>"));
        assertTrue(page.contains(">i INFO</button>"));
        assertTrue(page.contains(">· N/A</button>"));
    }

    @Test
    void filtersCoverEveryLevelAndTag() {
        for (String level : new String[] {"MUST", "SHOULD", "MAY", "INFO"}) assertTrue(page.contains("name=\"level\" value=\"" + level + "\""));
        for (String tag : model.tags()) assertTrue(page.contains("name=\"tag\" value=\"" + tag + "\""));
        assertTrue(page.contains("id=\"only-differing\""));
        assertTrue(page.contains("data-differs=\"true\""));
    }

    @Test
    void hostileServerNamesAndVersionsStayText() {
        MatrixModel hostile = MatrixModel.build("t", ComparisonFixtures.GENERATED, java.util.List.of(
                MatrixColumn.of("a\" onclick=\"x()", "1.0 <img src=x>", ComparisonFixtures.run("a", io.mailharness.result.Outcome.PASS, io.mailharness.result.Outcome.PASS)),
                MatrixColumn.unavailable("b'<i>", "", "")));
        String html = MatrixPage.render(hostile);
        assertTrue(html.contains("data-server=\"a&#34; onclick=&#34;x()\""), "the quote cannot close the attribute");
        assertTrue(html.contains("aria-label=\"SMTP-NOOP on a&#34; onclick=&#34;x(): PASS\""));
        assertTrue(html.contains(">1.0 &lt;img src=x&gt;</div>"));
        assertTrue(html.contains("<div class=\"server-name\">b'&lt;i&gt;</div>"));
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("<i>"));
        assertFalse(Pattern.compile("<[^<>]*\\sonclick=\"").matcher(html).find(), "no tag gains an onclick attribute");
    }

    @Test
    void pageIsSelfContained() {
        assertSelfContained(page);
        assertTrue(page.contains(".o-fail {"), "the shared style sheet is inlined");
        assertTrue(page.contains("table.matrix {"), "the matrix's style sheet is inlined");
        assertTrue(page.contains("function applyFilters()"), "the matrix's script is inlined");
    }

    static void assertSelfContained(String page) {
        assertFalse(page.contains(" src="), "no external script or image");
        assertFalse(page.contains("url("), "no CSS fetch");
        assertFalse(page.contains("@import"));
        assertFalse(page.contains("@font-face"));
        assertEquals(1, count(page, "<link "), "only the data: favicon link");
        assertTrue(page.contains("<link rel=\"icon\" href=\"data:,\">"));
        assertFalse(page.replace("http://www.w3.org/2000/svg", "").matches("(?s).*https?://.*"), "no network address");
    }
}
