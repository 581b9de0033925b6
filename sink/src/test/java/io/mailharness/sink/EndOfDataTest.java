package io.mailharness.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/** Only CRLF.CRLF ends mail data; every look-alike stays inside the message (RFC 5321 §4.1.1.4, §2.3.8). */
class EndOfDataTest {

    @ParameterizedTest
    @ValueSource(strings = {"\n.\n", "\r\n.\n", "\n.\r\n", "\r.\r", "\r\n.\r", "\r.\r\n"})
    void lookAlikesStayInsideTheData(String lookAlike) {
        try (SmtpSink sink = Sinks.keeping(); RawSession raw = openTransaction(sink)) {
            String data = "Subject: smuggling\r\n\r\nbefore" + lookAlike + "MAIL FROM:<evil@client.test>\r\nRCPT TO:<victim@sink.test>\r\nafter\r\n";
            raw.send(data + ".\r\n");
            assertTrue(raw.reply().startsWith("250 2.0.0 Ok: queued"));
            assertEquals(250, raw.send("NOOP\r\n").code()); // and no reply to the smuggled commands came before it
            assertEquals(1, sink.counters().messagesAccepted());
            assertEquals(data, kept(sink, "b@sink.test"));
            assertEquals(0, sink.keptMessages("victim@sink.test").size());
        }
    }

    @Test
    void theTerminatorMayArriveSplitAnywhere() {
        try (SmtpSink sink = Sinks.start(SinkSettings.defaults().withKeepMessages(true).withRecordSessions(true));
             RawSession raw = openTransaction(sink)) {
            for (String part : new String[] {"line one\r", "\n", ".", "\r", "\n"}) {
                int readBefore = sink.recordedSessions().get(0).clientOctets().length;
                raw.send(part);
                // each part in a read of its own: the next goes only once the sink has read this one
                await().atMost(Duration.ofSeconds(5)).until(() -> sink.recordedSessions().get(0).clientOctets().length == readBefore + part.length());
            }
            assertEquals(250, raw.code());
            assertEquals("line one\r\n", kept(sink, "b@sink.test"));
        }
    }

    @Test
    void dotStuffingIsRemovedFromKeptMessages() {
        try (SmtpSink sink = Sinks.keeping(); RawSession raw = openTransaction(sink)) {
            raw.send("..one\r\n...\r\n.\r\n");
            assertEquals(250, raw.code());
            assertEquals(".one\r\n..\r\n", kept(sink, "b@sink.test"));
        }
    }

    @Test
    void anEmptyMessageEndsAtOnce() {
        try (SmtpSink sink = Sinks.keeping(); RawSession raw = openTransaction(sink)) {
            raw.send(".\r\n");
            assertEquals(250, raw.code());
            assertEquals("", kept(sink, "b@sink.test"));
        }
    }

    private static RawSession openTransaction(SmtpSink sink) {
        RawSession raw = Sinks.raw(sink).inTransactionFor("b@sink.test");
        assertEquals(354, raw.send("DATA\r\n").code());
        return raw;
    }

    private static String kept(SmtpSink sink, String recipient) {
        return new String(sink.keptMessages(recipient).get(0).content(), StandardCharsets.ISO_8859_1);
    }
}
