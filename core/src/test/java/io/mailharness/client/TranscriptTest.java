package io.mailharness.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aMegabyteOfReplyLinesKeepsTheNewestWithinTheWholeTranscriptsBound() {
        Transcript t = new Transcript();
        t.client("EHLO client.example\r\n");
        for (int i = 0; i < 1000; i++) t.server("250-" + "x".repeat(990) + "\r\n");
        t.server("250 last\r\n");
        String shown = t.render();
        assertTrue(shown.length() < Transcript.MAX_CHARS + 20_000, "rendered " + shown.length() + " chars");
        assertTrue(shown.startsWith("-- (") && shown.contains(" earlier entries not kept)"), shown.substring(0, 80));
        assertTrue(shown.endsWith("S: 250 last\\r\\n\n"), "the newest entry is kept");
    }
}
