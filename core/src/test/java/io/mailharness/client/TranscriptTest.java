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

    /** The octets of {@code text} in UTF-8, one char each, as a reply is read off the wire. */
    private static String asOctets(String text) {
        return new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void wellFormedUtf8IsShownAsItsCharactersNotAsLatin1() {
        String reply = "250 2.1.0 <\u00fc@example.com> ok \u65e5\u672c \ud83d\udce7";
        assertEquals(reply, Transcript.visible(asOctets(reply)));
    }

    @Test
    void utf8ThatCouldMoveOrHideTextIsEscaped() {
        // U+2028 (line separator), U+202E (right-to-left override), U+0085 (NEL, a C1 control), U+200B (zero width space)
        assertEquals("a\\u{2028}b \\u{202e}txt.exe \\u{0085} x\\u{200b}y", Transcript.visible(asOctets("a\u2028b \u202etxt.exe \u0085 x\u200by")));
        assertEquals("\\u{202e}", Transcript.visible("\u202e"), "also in text that is characters already");
        assertEquals("\\u{e0041} \\xad \ud83d\udce7", Transcript.visible("\udb40\udc41 \u00ad \ud83d\udce7"),
                "a tag character beyond the BMP and the soft hyphen are escaped, an emoji kept");
    }

    @Test
    void octetsThatAreNotWellFormedUtf8StayOneLatin1CharEach() {
        // Latin-1 e-acute, a lone continuation octet, an overlong '/', an encoded surrogate (its C1 octet escaped), a sequence cut short
        assertEquals("caf\u00e9 \u00a7 \u00c0\u00af \u00ed\u00a0\\x80 \u00e6\\x97", Transcript.visible("caf\u00e9 \u00a7 \u00c0\u00af \u00ed\u00a0\u0080 \u00e6\u0097"));
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
