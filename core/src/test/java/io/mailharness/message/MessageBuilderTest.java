package io.mailharness.message;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageBuilderTest {
    @Test
    void buildsAMessageOfTheRequestedSizeWithOnlyCrlfLineEnds() {
        TestMessage m = new MessageBuilder(1).build("id-1", "a@b.test", List.of("c@d.test"), "hello", 4096);
        assertEquals(4096, m.size());
        String text = new String(m.content(), StandardCharsets.US_ASCII);
        assertTrue(text.contains("\r\nX-Mailharness-Id: id-1\r\n"));
        assertTrue(text.endsWith("\r\n"));
        assertEquals(text.replace("\r\n", "").indexOf('\n'), -1, "no bare LF");
        assertEquals(text.replace("\r\n", "").indexOf('\r'), -1, "no bare CR");
        for (String line : text.split("\r\n")) assertTrue(line.length() <= 998, "line within RFC 5322 limits");
    }

    @Test
    void sameSeedSameBody() {
        byte[] one = new MessageBuilder(7).build("x", "a@b", List.of("c@d"), "s", 2000).content();
        byte[] two = new MessageBuilder(7).build("x", "a@b", List.of("c@d"), "s", 2000).content();
        String bodyOne = new String(one, StandardCharsets.US_ASCII).split("\r\n\r\n", 2)[1];
        String bodyTwo = new String(two, StandardCharsets.US_ASCII).split("\r\n\r\n", 2)[1];
        assertArrayEquals(bodyOne.getBytes(), bodyTwo.getBytes());
    }
}
