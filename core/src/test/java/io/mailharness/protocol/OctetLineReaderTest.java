package io.mailharness.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OctetLineReaderTest {

    private static OctetLineReader reader(String wire, LineEndPolicy policy) {
        return new OctetLineReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), policy);
    }

    @Test
    void crlfOnlyKeepsBareLineEndsInTheLine() throws IOException {
        OctetLineReader reader = reader("a\nb\rc\r\r\nd\r\n", LineEndPolicy.CRLF_ONLY);
        OctetLine first = reader.readLine(100);
        assertEquals("a\nb\rc\r", first.text());
        assertTrue(first.bareLf() && first.bareCr());
        assertEquals(OctetLine.Ending.CRLF, first.ending());
        assertEquals(8, first.wireLength());
        assertEquals("d", reader.readLine(100).text());
        assertTrue(reader.readLine(100).endOfStream());
    }

    @Test
    void lfPolicyEndsAtEveryLfAndSaysHow() throws IOException {
        OctetLineReader reader = reader("250-a\n250-b\r\n250 c\rd\r\n", LineEndPolicy.LF);
        OctetLine first = reader.readLine(100);
        assertEquals("250-a", first.text());
        assertEquals(OctetLine.Ending.BARE_LF, first.ending());
        OctetLine second = reader.readLine(100);
        assertEquals("250-b", second.text());
        assertEquals(OctetLine.Ending.CRLF, second.ending());
        assertFalse(second.bareCr());
        OctetLine third = reader.readLine(100);
        assertEquals("250 c\rd", third.text());
        assertTrue(third.bareCr());
    }

    @Test
    void overlongLinesAreConsumedAndFlagged() throws IOException {
        for (LineEndPolicy policy : LineEndPolicy.values()) {
            OctetLineReader reader = reader("x".repeat(1000) + "\r\nok\r\n", policy);
            OctetLine line = reader.readLine(10);
            assertTrue(line.overflow());
            assertEquals(10, line.content().length);
            assertEquals(1002, line.wireLength());
            assertEquals("ok", reader.readLine(10).text());
        }
    }

    @Test
    void unterminatedLineAtEndOfStream() throws IOException {
        OctetLine line = reader("half", LineEndPolicy.CRLF_ONLY).readLine(10);
        assertEquals(OctetLine.Ending.CLOSED, line.ending());
        assertFalse(line.terminated());
        assertFalse(line.endOfStream());
    }

    @Test
    void countedOctetsAndUnread() throws IOException {
        OctetLineReader reader = reader("12345NEXT\r\n", LineEndPolicy.CRLF_ONLY);
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        reader.readExactly(5, sink);
        assertEquals("12345", sink.toString(StandardCharsets.ISO_8859_1));
        reader.unread("BACK\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("BACK", reader.readLine(10).text());
        assertEquals("NEXT", reader.readLine(10).text());
    }

    /** A stream that gives one octet per read and then reports a read timeout, as a trickling peer would. */
    private static final class Trickle extends InputStream {
        private final byte[] octets;
        private int next;
        private int timeoutMillis;

        Trickle(String text) {
            this.octets = text.getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.net.SocketTimeoutException {
            if (next >= octets.length) throw new java.net.SocketTimeoutException("timed out after " + timeoutMillis + " ms");
            b[off] = octets[next++];
            return 1;
        }
    }

    @Test
    void theDeadlineIsForTheWholeLineAndEachReadGetsTheTimeLeft() {
        Trickle trickle = new Trickle("25");
        java.util.List<Integer> timeouts = new java.util.ArrayList<>();
        OctetLineReader reader = new OctetLineReader(trickle, LineEndPolicy.LF, millis -> {
            timeouts.add(millis);
            trickle.timeoutMillis = millis;
        });
        OctetLine line = reader.readLine(100, Duration.ofSeconds(5));
        assertEquals(OctetLine.Ending.TIMEOUT, line.ending());
        assertArrayEquals("25".getBytes(StandardCharsets.ISO_8859_1), line.content());
        assertEquals(3, timeouts.size());
        assertTrue(timeouts.get(0) <= 5000 && timeouts.get(2) <= timeouts.get(0), "each read gets what is left: " + timeouts);
    }
}
