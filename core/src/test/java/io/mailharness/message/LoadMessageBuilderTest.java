package io.mailharness.message;

import io.mailharness.protocol.DotStuffing;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadMessageBuilderTest {
    private static final List<String> TO = List.of("a@mh.test", "b@mh.test");

    private static String text(TestMessage m) {
        return new String(m.content(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void startsWithTheStampAndMeetsTheSizeOfItsBand() {
        TestMessage m = new LoadMessageBuilder(1, MessageMix.fixed(8192)).build(7, "mh-x-1-7", "s@mh.test", TO, 1_700_000_000_000L);
        assertTrue(text(m).startsWith("X-Mailharness-Id: mh-x-1-7; t=1700000000000; n=2; sha256="), text(m).substring(0, 120));
        int size = m.size();
        assertTrue(size >= 8192 && size <= 8192 + 200, "size " + size);
    }

    @Test
    void onlyCrlfLineEndsAndNoLineBeyondTheRfc5322Limit() {
        for (int i = 0; i < 40; i++) {
            TestMessage m = new LoadMessageBuilder(3, MessageMix.realistic()).build(i, "id-" + i, "s@mh.test", TO, 0);
            String t = text(m);
            assertEquals(-1, t.replace("\r\n", "").indexOf('\n'), "no bare LF");
            assertEquals(-1, t.replace("\r\n", "").indexOf('\r'), "no bare CR");
            for (String line : t.split("\r\n")) {
                assertTrue(line.length() <= LoadMessageBuilder.MAX_LINE, "line of " + line.length());
                assertFalse(line.endsWith(" "), "no trailing white space: '" + line + "'");
            }
            assertTrue(t.endsWith("\r\n"));
            for (int k = 0; k < m.content().length; k++) assertTrue(m.content()[k] >= 0, "7-bit only: octet " + k);
        }
    }

    @Test
    void noTextEndsWithAnEmptyLineWhichSomeStoresDrop() {
        for (String mix : List.of("uniform:1k-16k", "uniform:4k-16k")) {
            for (int i = 0; i < 300; i++) {
                String t = text(new LoadMessageBuilder(11, MessageMix.parse(mix)).build(i, "id-" + i, "s@mh.test", TO, 0));
                assertFalse(t.endsWith("\r\n\r\n"), mix + " message " + i + " ends with an empty line");
                int body = t.indexOf("\r\n\r\n");
                assertFalse(t.indexOf("\r\n\r\n--", body + 4) >= 0, mix + " message " + i + ": a text part ends with an empty line");
            }
        }
    }

    @Test
    void hasTheLinesThatNeedDotStuffingAndOneOfMaximumLength() {
        String t = text(new LoadMessageBuilder(5, MessageMix.fixed(4096)).build(1, "id", "s@mh.test", TO, 0));
        assertTrue(t.contains("\r\n.\r\n"), "a line holding a single dot");
        assertTrue(t.contains("\r\n..two dots"), "a line starting with two dots");
        assertTrue(Arrays.stream(t.split("\r\n")).anyMatch(l -> l.length() == LoadMessageBuilder.MAX_LINE));
    }

    @Test
    void encodesUtf8HeadersAsRfc2047Words() {
        String t = text(new LoadMessageBuilder(5, MessageMix.fixed(2048)).build(1, "id", "s@mh.test", TO, 0));
        assertTrue(t.contains("Subject: =?UTF-8?B?"), t.substring(0, 400));
        String word = t.split("Subject: =\\?UTF-8\\?B\\?")[1].split("\\?=")[0];
        String decoded = new String(java.util.Base64.getDecoder().decode(word), StandardCharsets.UTF_8);
        assertTrue(decoded.startsWith("Load test 1 \u2013 Gr\u00fc"), decoded);
    }

    @Test
    void attachmentBandsAreMultipartWithABase64Part() {
        MessageMix big = new MessageMix("att", List.of(new MessageMix.Band(1, 20_000, 20_000, true)));
        String t = text(new LoadMessageBuilder(9, big).build(2, "id", "s@mh.test", TO, 0));
        assertTrue(t.contains("Content-Type: multipart/mixed; boundary=\"mh-boundary-"));
        assertTrue(t.contains("Content-Transfer-Encoding: base64"));
        String boundary = t.split("boundary=\"")[1].split("\"")[0];
        assertTrue(t.contains("\r\n--" + boundary + "--\r\n"), "closing boundary");
        String base64 = t.split("Content-Disposition: attachment[^\r]*\r\n\r\n")[1].split("\r\n--")[0];
        assertTrue(java.util.Base64.getMimeDecoder().decode(base64).length > 10_000);
    }

    @Test
    void sameSeedAndNumberGiveTheSameMessageAndOthersDiffer() {
        LoadMessageBuilder one = new LoadMessageBuilder(11, MessageMix.realistic());
        LoadMessageBuilder two = new LoadMessageBuilder(11, MessageMix.realistic());
        assertArrayEquals(one.build(4, "id", "s@mh.test", TO, 5).content(), two.build(4, "id", "s@mh.test", TO, 5).content());
        assertFalse(Arrays.equals(one.build(4, "id", "s@mh.test", TO, 5).content(), one.build(5, "id", "s@mh.test", TO, 5).content()));
    }

    @Test
    void theRealisticMixIsMostlySmallWithATailOfAttachments() {
        MessageMix mix = MessageMix.realistic();
        Random random = new Random(1);
        int small = 0, attachments = 0;
        for (int i = 0; i < 10_000; i++) {
            MessageMix.Draw d = mix.draw(random);
            if (d.size() <= 16_384) small++;
            if (d.attachment()) attachments++;
            assertTrue(d.size() >= 1024 && d.size() <= 1_048_576);
        }
        assertTrue(small > 7_000 && small < 8_000, "about 75 % up to 16 KB: " + small);
        assertTrue(attachments > 2_000 && attachments < 3_000, "about 25 % with attachments: " + attachments);
    }

    @Test
    void parsesMixNames() {
        assertEquals(1024, MessageMix.parse("fixed:1k").bands().get(0).minSize());
        assertEquals(2 * 1024 * 1024, MessageMix.parse("uniform:1k-2m").bands().get(0).maxSize());
        assertEquals("realistic", MessageMix.parse("realistic").name());
        assertThrows(IllegalArgumentException.class, () -> MessageMix.parse("huge"));
        assertThrows(IllegalArgumentException.class, () -> MessageMix.parse("fixed:0"));
    }

    @Test
    void dotStuffingOnSendAndUnstuffingOnReceiveRestoreTheMessage() {
        int withLoneDot = 0;
        for (int i = 0; i < 20; i++) {
            byte[] content = new LoadMessageBuilder(13, MessageMix.realistic()).build(i, "id-" + i, "s@mh.test", TO, 0).content();
            byte[] wire = DotStuffing.dataSection(content);
            String onWire = new String(wire, StandardCharsets.ISO_8859_1);
            assertFalse(onWire.substring(0, onWire.length() - 3).contains("\r\n.\r\n"), "no early end-of-data on the wire");
            if (new String(content, StandardCharsets.ISO_8859_1).contains("\r\n.\r\n")) {
                withLoneDot++;
                assertTrue(onWire.contains("\r\n..\r\n"), "the lone dot went out doubled");
            }
            byte[] received = Arrays.copyOf(wire, wire.length - 3); // what precedes the end-of-data line
            assertArrayEquals(content, DotStuffing.unstuff(received));
        }
        assertTrue(withLoneDot > 10, "most messages carry a lone-dot line: " + withLoneDot);
    }
}
