package io.mailharness.sink;

import io.mailharness.client.Pop3Session;
import io.mailharness.client.ScanListing;
import io.mailharness.client.SmtpSession;
import io.mailharness.client.UniqueIdListing;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

class Pop3Test {
    private static final String FIRST = "Subject: one\r\n\r\n.starts with a dot\r\n.\r\nend\r\n";
    private static final String SECOND = "Subject: two\r\n\r\nbody\r\n";

    @Test
    void keptMessagesAreReadableOverPop3() throws Exception {
        try (SmtpSink sink = Sinks.keeping()) {
            send(sink, FIRST, "b@sink.test");
            send(sink, SECOND, "b@sink.test", "c@sink.test");
            try (Pop3Session pop3 = Sinks.pop3(sink)) {
                assertTrue(pop3.user("B@sink.test").isOk()); // addresses compare case-insensitively
                assertTrue(pop3.pass("anything").isOk());
                assertEquals(2, pop3.maildropStat().messageCount());
                assertEquals(FIRST.length() + SECOND.length(), pop3.maildropStat().sizeOctets());
                List<ScanListing> scan = pop3.scanListings();
                assertEquals(List.of(new ScanListing(1, FIRST.length()), new ScanListing(2, SECOND.length())), scan);
                List<UniqueIdListing> ids = pop3.uniqueIdListings();
                assertEquals(2, ids.size());
                assertNotEquals(ids.get(0).uniqueId(), ids.get(1).uniqueId());
                assertEquals(FIRST, new String(pop3.retr(1), StandardCharsets.ISO_8859_1));
                assertEquals(SECOND, new String(pop3.retr(2), StandardCharsets.ISO_8859_1));
                assertTrue(pop3.dele(1).isOk());
                assertFalse(pop3.dele(1).isOk());
                assertNull(pop3.retr(1));
                assertTrue(pop3.quit().isOk());
            }
            assertEquals(1, sink.keptMessages("b@sink.test").size());
            assertEquals(1, sink.keptMessages("c@sink.test").size());
            assertEquals(2, sink.counters().messagesRetrieved());
        }
    }

    @Test
    void aDroppedSessionDeletesNothingAndUnlocks() throws Exception {
        try (SmtpSink sink = Sinks.keeping()) {
            send(sink, SECOND, "b@sink.test");
            try (RawSession raw = Sinks.rawPop3(sink)) {
                raw.line();
                assertTrue(raw.send("USER b@sink.test\r\n").line().startsWith("+OK"));
                assertTrue(raw.send("PASS x\r\n").line().startsWith("+OK"));
                try (Pop3Session second = Sinks.pop3(sink)) {
                    second.user("b@sink.test");
                    assertTrue(second.pass("x").statusLine().startsWith("-ERR [IN-USE]"));
                }
                assertTrue(raw.send("DELE 1\r\n").line().startsWith("+OK"));
            } // closed without QUIT
            try (Pop3Session pop3 = Sinks.pop3(sink)) {
                loginOnceUnlocked(pop3);
                assertEquals(1, pop3.maildropStat().messageCount());
            }
        }
    }

    @Test
    void retrByteStuffsEveryLineStart() throws Exception {
        try (SmtpSink sink = Sinks.keeping()) {
            try (RawSession smtp = Sinks.raw(sink).inTransactionFor("b@sink.test")) {
                assertEquals(354, smtp.send("DATA\r\n").code());
                assertEquals(250, smtp.send("x\n.\r\n.\r\n").code()); // a bare LF, then "." as data, then the end
            }
            try (RawSession pop3 = Sinks.rawPop3(sink)) {
                pop3.line();
                pop3.send("USER b@sink.test\r\n").line();
                pop3.send("PASS x\r\n").line();
                assertTrue(pop3.send("RETR 1\r\n").line().startsWith("+OK"));
                assertEquals("x\n..", pop3.line());
                assertEquals(".", pop3.line());
            }
        }
    }

    /** Logs in once the first session's end has been handled on the sink's event loop (PASS may come just before it). */
    private static void loginOnceUnlocked(Pop3Session pop3) {
        await().atMost(Duration.ofSeconds(5)).until(() -> pop3.user("b@sink.test").isOk() && pop3.pass("x").isOk());
    }

    private static void send(SmtpSink sink, String message, String... recipients) throws Exception {
        try (SmtpSession smtp = Sinks.smtp(sink)) {
            smtp.ehlo("client.test");
            assertEquals(250, smtp.sendMessage("a@client.test", List.of(recipients), message.getBytes(StandardCharsets.ISO_8859_1)).code());
        }
    }
}
