package io.mailharness.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DataSectionTest {
    private static String encode(String content) {
        return new String(DotStuffing.dataSectionWithCrlfLineEnds(content.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void crlfContentIsDotStuffedAndEndedAsDotStuffingSays() {
        byte[] content = "X: 1\r\n\r\n.\r\n..two\r\nplain . line\r\n. dot space\r\n".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(DotStuffing.dataSection(content), DotStuffing.dataSectionWithCrlfLineEnds(content));
    }

    @Test
    void aLeadingDotOnTheFirstLineIsStuffedToo() {
        assertEquals("..hidden\r\n.\r\n", encode(".hidden\r\n"));
    }

    @Test
    void bareLineFeedsGoAsCrlfAndAMissingFinalLineBreakIsAdded() {
        assertEquals("a\r\n..b\r\nc\r\n.\r\n", encode("a\n.b\r\nc"));
        assertEquals("a\r\n.\r\n", encode("a\r"));
        assertEquals("\r\n.\r\n", encode(""));
        assertEquals("x\r.y\r\n.\r\n", encode("x\r.y\r\n"), "a bare CR does not start a line");
    }
}
