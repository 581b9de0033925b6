package io.mailharness.sink;

import io.mailharness.client.SmtpSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Delays are checked from below only: a busy machine can make a reply later, never earlier, so "at least the
 * delay" holds whatever the load.
 */
class StageDelayTest {

    @Test
    void rcptReplyWaitsAtLeastItsDelay() throws Exception {
        try (SmtpSink sink = Sinks.withPlan(List.of(StageDelay.parse("rcpt=200ms")), List.of(), List.of());
             SmtpSession smtp = Sinks.smtp(sink)) {
            smtp.ehlo("client.test");
            smtp.mail("a@client.test");
            long start = System.nanoTime();
            assertEquals(250, smtp.rcpt("b@sink.test").code());
            assertTrue(millisSince(start) >= 200, "RCPT answered after " + millisSince(start) + " ms");
            // other stages are not delayed; only checked to have answered, not how fast
            assertEquals(354, smtp.data().code());
        }
    }

    @Test
    void greetingWaitsAtLeastItsDelay() {
        try (SmtpSink sink = Sinks.withPlan(List.of(StageDelay.parse("greeting=50ms")), List.of(), List.of())) {
            long start = System.nanoTime();
            try (RawSession raw = Sinks.raw(sink)) {
                assertEquals(220, raw.code());
                assertTrue(millisSince(start) >= 50, "greeting after " + millisSince(start) + " ms");
            }
        }
    }

    @Test
    void pipelinedCommandsBehindADelayKeepTheirOrderAndEachWait() {
        try (SmtpSink sink = Sinks.withPlan(List.of(StageDelay.parse("rcpt=100ms"), StageDelay.parse("end-of-data=100ms")), List.of(), List.of());
             RawSession raw = Sinks.raw(sink)) {
            raw.code();
            raw.send("EHLO client.test\r\n").reply();
            long start = System.nanoTime();
            raw.send("MAIL FROM:<a@client.test>\r\nRCPT TO:<b@sink.test>\r\nRCPT TO:<c@sink.test>\r\nDATA\r\n");
            assertTrue(raw.reply().startsWith("250 2.1.0"));
            assertTrue(raw.reply().startsWith("250 2.1.5"));
            assertTrue(raw.reply().startsWith("250 2.1.5"));
            assertEquals(354, raw.code());
            assertTrue(millisSince(start) >= 200, "two delayed RCPTs answered after " + millisSince(start) + " ms");
            long data = System.nanoTime();
            assertEquals(250, raw.send("x\r\n.\r\nNOOP\r\n").code());
            assertTrue(millisSince(data) >= 100, "end-of-data answered after " + millisSince(data) + " ms");
            assertEquals(250, raw.code());
            assertEquals(1, sink.counters().messagesAccepted());
        }
    }

    @Test
    void dataDelayHoldsThe354() {
        try (SmtpSink sink = Sinks.withPlan(List.of(StageDelay.parse("data=150ms")), List.of(), List.of());
             RawSession raw = Sinks.raw(sink).inTransactionFor("b@sink.test")) {
            long start = System.nanoTime();
            assertEquals(354, raw.send("DATA\r\n").code());
            assertTrue(millisSince(start) >= 150, "354 after " + millisSince(start) + " ms");
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
