package io.mailharness.sink;

import io.mailharness.client.SmtpSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class StageFaultTest {

    @Test
    void refusedRcptAddsNoRecipient() throws Exception {
        try (SmtpSink sink = Sinks.withPlan(List.of(), List.of(StageReply.parse("rcpt=450")), List.of());
             SmtpSession smtp = Sinks.smtp(sink)) {
            smtp.ehlo("client.test");
            assertEquals(250, smtp.mail("a@client.test").code());
            var reply = smtp.rcpt("b@sink.test");
            assertEquals(450, reply.code());
            assertEquals("4.0.0", reply.enhancedStatusCode().orElseThrow());
            assertEquals(554, smtp.data().code());
        }
    }

    @Test
    void refusedDataStartsNoMessage() {
        try (SmtpSink sink = Sinks.withPlan(List.of(), List.of(StageReply.parse("data=554 5.7.1 Not today")), List.of());
             RawSession raw = Sinks.raw(sink).inTransactionFor("b@sink.test")) {
            assertEquals("554 5.7.1 Not today", raw.send("DATA\r\n").reply());
            assertEquals(250, raw.send("NOOP\r\n").code()); // still reading commands, not data
        }
    }

    @Test
    void refusedEndOfDataCountsAsRefused() throws Exception {
        try (SmtpSink sink = Sinks.withPlan(List.of(), List.of(StageReply.parse("end-of-data=451")), List.of());
             SmtpSession smtp = Sinks.smtp(sink)) {
            smtp.ehlo("client.test");
            assertEquals(451, smtp.sendMessage("a@client.test", List.of("b@sink.test"), "x\r\n".getBytes()).code());
            assertEquals(0, sink.counters().messagesAccepted());
            assertEquals(1, sink.counters().messagesRefused());
            assertEquals(250, smtp.mail("a@client.test").code()); // the transaction ended with the reply
        }
    }

    @Test
    void reply421ClosesTheConnection() {
        try (SmtpSink sink = Sinks.withPlan(List.of(), List.of(StageReply.parse("mail=421")), List.of());
             RawSession raw = Sinks.raw(sink)) {
            raw.code();
            raw.send("HELO client.test\r\n").reply();
            assertEquals(421, raw.send("MAIL FROM:<a@client.test>\r\n").code());
            assertTrue(raw.closedByServer());
        }
    }

    @Test
    void disconnectAtDataDropsTheConnectionWithoutAReply() {
        try (SmtpSink sink = Sinks.withPlan(List.of(), List.of(), List.of(StageDisconnect.parse("data")));
             RawSession raw = Sinks.raw(sink).inTransactionFor("b@sink.test")) {
            assertEquals(-1, raw.send("DATA\r\n").code());
        }
    }

    @Test
    void disconnectAtGreetingClosesOnAccept() {
        try (SmtpSink sink = Sinks.withPlan(List.of(), List.of(), List.of(StageDisconnect.parse("greeting")));
             RawSession raw = Sinks.raw(sink)) {
            assertTrue(raw.closedByServer());
        }
    }

    @Test
    void refusedGreetingOnlyAllowsQuit() {
        try (SmtpSink sink = Sinks.withPlan(List.of(), List.of(StageReply.parse("greeting=554")), List.of());
             RawSession raw = Sinks.raw(sink)) {
            assertEquals(554, raw.code());
            assertEquals(503, raw.send("EHLO client.test\r\n").code());
            assertEquals(221, raw.send("QUIT\r\n").code());
        }
    }

    @Test
    void aDelayedDisconnectWaitsFirst() {
        try (SmtpSink sink = Sinks.withPlan(List.of(StageDelay.parse("quit=100ms")), List.of(), List.of(StageDisconnect.parse("quit")));
             RawSession raw = Sinks.raw(sink)) {
            raw.code();
            long start = System.nanoTime();
            assertTrue(raw.send("QUIT\r\n").closedByServer());
            assertTrue(System.nanoTime() - start >= 100_000_000L);
        }
    }

    @Test
    void aFaultWithAChanceHappensSometimes() throws Exception {
        try (SmtpSink sink = Sinks.withPlan(List.of(), List.of(StageReply.parse("noop=450@50%")), List.of());
             SmtpSession smtp = Sinks.smtp(sink)) {
            int refused = 0;
            for (int i = 0; i < 400; i++) if (smtp.noop().code() == 450) refused++;
            // 400 draws at 50 %: outside 100..300 has a probability far below 1e-20
            assertTrue(refused > 100 && refused < 300, refused + " of 400 refused");
        }
    }
}
