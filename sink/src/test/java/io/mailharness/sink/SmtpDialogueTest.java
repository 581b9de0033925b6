package io.mailharness.sink;

import io.mailharness.client.SmtpReply;
import io.mailharness.client.SmtpSession;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

class SmtpDialogueTest {
    private static final byte[] MESSAGE = "Subject: hello\r\n\r\n.a line that starts with a dot\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void ehloAdvertisesTheExtensionsItImplements() throws Exception {
        try (SmtpSink sink = Sinks.discarding(); SmtpSession smtp = Sinks.smtp(sink)) {
            assertEquals(220, smtp.greeting().code());
            assertTrue(smtp.greeting().firstLine().contains("localhost"));
            assertEquals(250, smtp.ehlo("client.test").code());
            for (String keyword : List.of("PIPELINING", "8BITMIME", "SIZE", "ENHANCEDSTATUSCODES", "CHUNKING")) {
                assertTrue(smtp.supports(keyword), keyword);
            }
            assertTrue(smtp.ehlo("client.test").lines().contains("250-SIZE " + SinkLimits.defaults().messageOctets()));
        }
    }

    @Test
    void acceptsMessagesAndCountsThem() throws Exception {
        try (SmtpSink sink = Sinks.discarding(); SmtpSession smtp = Sinks.smtp(sink)) {
            smtp.ehlo("client.test");
            for (int i = 0; i < 3; i++) {
                SmtpReply reply = smtp.sendMessage("a@client.test", List.of("b@sink.test", "c@sink.test"), MESSAGE);
                assertEquals(250, reply.code(), reply.toString());
            }
            assertEquals(250, smtp.noop().code());
            assertEquals(250, smtp.rset().code());
            assertEquals(221, smtp.quit().code());
            CounterSnapshot counters = sink.counters();
            assertEquals(3, counters.messagesAccepted());
            assertEquals(6, counters.recipientsAccepted());
            // the stuffed line goes with one more "." on the wire
            assertEquals(3L * (MESSAGE.length + 1), counters.messageOctets());
            assertTrue(counters.octetsReceived() > counters.messageOctets());
            assertEquals(1, counters.smtpSessions());
            assertEquals(1, counters.smtpSessionsPeak());
            assertTrue(counters.summaryLine().contains("messages 3 accepted"), counters.summaryLine());
        }
    }

    @Test
    void servesOnEpollWhereItLoadsAndOnNio() throws Exception {
        boolean linux = System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64");
        for (boolean preferNative : new boolean[] {true, false}) {
            try (SmtpSink sink = Sinks.start(SinkSettings.defaults().withNativeTransport(preferNative)); SmtpSession smtp = Sinks.smtp(sink)) {
                assertEquals(preferNative && linux ? "epoll" : "nio", sink.transport());
                smtp.ehlo("client.test");
                assertEquals(250, smtp.sendMessage("a@client.test", List.of("b@sink.test"), MESSAGE).code());
            }
        }
    }

    @Test
    void countsOpenSessionsAndTheirPeak() throws Exception {
        try (SmtpSink sink = Sinks.discarding()) {
            SmtpSession first = Sinks.smtp(sink);
            SmtpSession second = Sinks.smtp(sink);
            SmtpSession third = Sinks.smtp(sink);
            assertEquals(3, sink.counters().smtpSessionsOpen());
            first.quit();
            second.quit();
            first.close();
            second.close();
            assertEquals(250, third.noop().code());
            awaitOpen(sink, 1);
            assertEquals(3, sink.counters().smtpSessionsPeak());
            third.close();
        }
    }

    @Test
    void pipelinedEnvelopeGetsItsRepliesInOrder() throws Exception {
        try (SmtpSink sink = Sinks.discarding(); SmtpSession smtp = Sinks.smtp(sink)) {
            smtp.ehlo("client.test");
            smtp.pipelineEnvelope("a@client.test", "", List.of("b@sink.test", "c@sink.test"));
            assertEquals(250, smtp.nextReply("MAIL").code());
            assertEquals(250, smtp.nextReply("RCPT").code());
            assertEquals(250, smtp.nextReply("RCPT").code());
            assertEquals(354, smtp.nextReply("DATA").code());
            assertEquals(250, smtp.endOfData(MESSAGE).code());
        }
    }

    @Test
    void commandsOutOfSequenceAreRefused() {
        try (SmtpSink sink = Sinks.discarding(); RawSession raw = Sinks.raw(sink)) {
            assertEquals(220, raw.code());
            assertEquals(503, raw.send("MAIL FROM:<a@client.test>\r\n").code());
            assertEquals(501, raw.send("EHLO\r\n").code());
            assertEquals(250, raw.send("HELO client.test\r\n").code());
            assertEquals(555, raw.send("MAIL FROM:<a@client.test> SIZE=10\r\n").code()); // no parameters after HELO
            assertEquals(503, raw.send("RCPT TO:<b@sink.test>\r\n").code());
            assertEquals(250, raw.send("MAIL FROM:<>\r\n").code());
            assertEquals(503, raw.send("MAIL FROM:<a@client.test>\r\n").code());
            assertEquals(554, raw.send("DATA\r\n").code());
            assertEquals(501, raw.send("RCPT TO:<>\r\n").code());
            assertEquals(501, raw.send("RCPT TO:<b\u0001@sink.test>\r\n").code());
            assertEquals(500, raw.send("FROB\r\n").code());
            assertEquals(252, raw.send("VRFY b\r\n").code());
            assertEquals(221, raw.send("QUIT\r\n").code());
            assertTrue(raw.closedByServer());
        }
    }

    @Test
    void bdatChunksMakeOneMessage() {
        try (SmtpSink sink = Sinks.keeping(); RawSession raw = Sinks.raw(sink)) {
            raw.code();
            raw.send("EHLO client.test\r\n").reply();
            raw.send("MAIL FROM:<a@client.test>\r\nRCPT TO:<b@sink.test>\r\n");
            assertEquals(250, raw.code());
            assertEquals(250, raw.code());
            assertEquals(250, raw.send("BDAT 10\r\nSubject: x").code());
            assertEquals(503, raw.send("DATA\r\n").code());
            assertEquals(250, raw.send("BDAT 11 LAST\r\n\r\n\r\n.body\r\n").code());
            assertEquals("Subject: x\r\n\r\n.body\r\n", new String(sink.keptMessages("b@sink.test").get(0).content(), StandardCharsets.US_ASCII));
            assertEquals(503, raw.send("BDAT 3 LAST\r\nabc").code()); // no transaction: the chunk is read and refused
            assertEquals(250, raw.send("NOOP\r\n").code());
            assertEquals(1, sink.counters().messagesAccepted());
        }
    }

    static void awaitOpen(SmtpSink sink, int open) {
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.counters().smtpSessionsOpen() == open);
    }
}
