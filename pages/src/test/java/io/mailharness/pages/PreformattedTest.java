package io.mailharness.pages;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PreformattedTest {
    @Test
    void keepsLineBreaksAndShowsCarriageReturnsAndControls() {
        assertEquals("C: <x>\\r\nS: a & b\\r lone\ttab\\x00\\x1b\n", Preformatted.of("C: <x>\r\nS: a & b\r lone\ttab\u0000\u001b\n"));
        assertEquals("", Preformatted.of(null));
    }

    @Test
    void c1ControlsAreEscapedToo() {
        assertEquals("S: \\x9b2J \\x80 caf\u00e9", Preformatted.inline("S: \u009b2J \u0080 caf\u00e9"));
    }

    @Test
    void textAlreadyMadeVisibleStaysAsItIs() {
        String visible = "C: EHLO x\\r\\n\nS: 250 ok\\r\\n\n";
        assertEquals(visible, Preformatted.of(visible));
    }

    @Test
    void inlineKeepsEverythingOnOneLine() {
        assertEquals("C: A\\r.\\n\\x00\\x09b\\r\\n", Preformatted.inline("C: A\r.\n\u0000\tb\r\n"));
        assertEquals("C: EHLO x\\r\\n", Preformatted.inline("C: EHLO x\\r\\n"));
    }
}
