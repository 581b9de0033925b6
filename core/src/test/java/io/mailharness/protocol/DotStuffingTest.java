package io.mailharness.protocol;

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
    void theLineStartPolicyDecidesWhetherABareLineEndStartsALine() {
        byte[] content = b("a\n.b\r.c\r\n.d\r\n");
        assertEquals("a\n.b\r.c\r\n..d\r\n", s(DotStuffing.stuff(content, DotStuffing.LineStart.AFTER_CRLF)));
        assertEquals("a\n..b\r.c\r\n..d\r\n", s(DotStuffing.stuff(content, DotStuffing.LineStart.AFTER_LF)));
        assertEquals("a\n..b\r..c\r\n..d\r\n", s(DotStuffing.stuff(content, DotStuffing.LineStart.AFTER_CR_OR_LF)));
    }

    @Test
    void aMultilineResponseOfNothingIsTheTerminatorAlone() {
        assertEquals(".\r\n", s(DotStuffing.multilineResponse(new byte[0], DotStuffing.LineStart.AFTER_CR_OR_LF)));
        assertEquals("x\r\n.\r\n", s(DotStuffing.multilineResponse(b("x"), DotStuffing.LineStart.AFTER_CR_OR_LF)));
        assertEquals(".x\r\n.\r\n", s(DotStuffing.terminatedUnstuffed(b(".x"))));
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
