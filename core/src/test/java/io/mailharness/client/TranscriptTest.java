package io.mailharness.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a server's text looks like once made visible: nothing in it can drive a terminal. */
class TranscriptTest {
    @Test
    void lineEndsTabsAndBackslashesAreSpelledOut() {
        assertEquals("250 ok\\r\\n\\tx\\\\y", Transcript.visible("250 ok\r\n\tx\\y"));
    }

    @Test
    void c0DelAndC1ControlsAreEscapedLatin1TextIsKept() {
        // ESC [ (the 7-bit CSI), DEL, and 0x9b, the 8-bit CSI a terminal honours as well
        assertEquals("220 \\x1b[2J \\x7f \\x9b2J \\x80\\x9f caf\u00e9", Transcript.visible("220 \u001b[2J \u007f \u009b2J \u0080\u009f caf\u00e9"));
    }
}
