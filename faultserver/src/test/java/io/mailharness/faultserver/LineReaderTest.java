package io.mailharness.faultserver;

import io.mailharness.faultserver.net.Line;
import io.mailharness.faultserver.net.LineReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server side of core's OctetLineReader: CRLF-only lines, mapped to {@link Line}; null at the end of the stream. */
class LineReaderTest {

    private static LineReader reader(String wire) {
        return new LineReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void onlyCrlfEndsALine() throws IOException {
        LineReader reader = reader("a\nb\rc\r\r\nd\r\n");
        Line first = reader.readLine(100);
        assertEquals("a\nb\rc\r", first.text());
        assertTrue(first.bareLf() && first.bareCr() && first.terminated());
        assertEquals(8, first.wireLength());
        Line second = reader.readLine(100);
        assertEquals("d", second.text());
        assertFalse(second.hasBareLineEnd());
        assertNull(reader.readLine(100));
    }

    @Test
    void unterminatedLineAtEndOfStream() throws IOException {
        Line line = reader("half").readLine(10);
        assertFalse(line.terminated());
    }
}
