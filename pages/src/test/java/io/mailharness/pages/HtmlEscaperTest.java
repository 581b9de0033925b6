package io.mailharness.pages;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HtmlEscaperTest {
    @Test
    void textEscapesMarkupAmpersandAndQuotes() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;", HtmlEscaper.text("<a href=\"x\" title='y'>&amp;</a>"));
        assertEquals("", HtmlEscaper.text(null));
    }

    @Test
    void preformattedKeepsLineBreaksAndShowsCarriageReturnsAndControls() {
        assertEquals("C: &lt;x&gt;\\r\nS: a &amp; b\\r lone\ttab\\x00\\x1b\n", HtmlEscaper.preformatted("C: <x>\r\nS: a & b\r lone\ttab\u0000\u001b\n"));
    }
}
