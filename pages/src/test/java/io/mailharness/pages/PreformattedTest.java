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
    void textAlreadyMadeVisibleStaysAsItIs() {
        String visible = "C: EHLO x\\r\\n\nS: 250 ok\\r\\n\n";
        assertEquals(visible, Preformatted.of(visible));
    }
}
