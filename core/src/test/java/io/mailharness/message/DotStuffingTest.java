package io.mailharness.message;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DotStuffingTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void stuffsEveryLineThatStartsWithADot() {
        assertEquals("..\r\n...\r\n..x\r\nx.\r\n .\r\n..\r\n", s(DotStuffing.stuff(b(".\r\n..\r\n.x\r\nx.\r\n .\r\n.\r\n"))));
    }

    @Test
    void aLoneLfIsNotALineEnd() {
        assertEquals("a\n.b\r\n", s(DotStuffing.stuff(b("a\n.b\r\n"))));
    }

    @Test
    void unstuffingUndoesStuffing() {
        byte[] original = b(".\r\n..\r\n...x\r\nplain\r\n.\r\n");
        assertArrayEquals(original, DotStuffing.unstuff(DotStuffing.stuff(original)));
    }

    @Test
    void dataSectionEndsWithEndOfData() {
        assertEquals("Subject: x\r\n\r\n..\r\n.\r\n", s(DotStuffing.dataSection(b("Subject: x\r\n\r\n.\r\n"))));
        assertEquals("no newline\r\n.\r\n", s(DotStuffing.dataSection(b("no newline"))));
    }
}
