package io.mailharness.sink;

import io.mailharness.client.SmtpSession;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/** Every input is bounded: what a client sends past a bound is refused, and the sink goes on serving. */
class BoundsTest {

    @Test
    void anOverlongCommandLineIsRefusedOnceAndTheSessionGoesOn() {
        try (SmtpSink sink = Sinks.discarding(); RawSession raw = Sinks.raw(sink)) {
            raw.code();
            raw.send("NOOP " + "x".repeat(5000));
            assertEquals("500 5.5.2 Line too long", raw.reply()); // refused before its end arrives
            raw.send("x".repeat(100_000) + "\r\nNOOP\r\n");
            assertEquals(250, raw.code());
        }
    }

    @Test
    void aClientThatReadsNoRepliesIsNotReadEither() throws Exception {
        try (SmtpSink sink = Sinks.discarding(); Flood flood = Flood.of(sink)) {
            long[] last = {-1};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                long now = sink.counters().octetsReceived();
                boolean settled = now == last[0];
                last[0] = now;
                return settled;
            });
            // replies in the sink's socket send buffer (at most 4 MiB here) and in Netty's queue (64 KiB) bound it
            assertTrue(last[0] < 8 * 1024 * 1024, "read " + last[0] + " octets from a client that reads nothing");
        }
    }

    @Test
    void aClientThatReadsNothingIsClosedAtTheIdleTimeout() throws Exception {
        // long enough for every buffer between the two to fill, so that the sink's 421 can never be written
        SinkSettings settings = SinkSettings.defaults().withLimits(SinkLimits.defaults().withIdleTimeout(Duration.ofSeconds(2)));
        try (SmtpSink sink = Sinks.start(settings); Flood flood = Flood.of(sink)) {
            flood.writer.join(Duration.ofSeconds(30));
            assertTrue(flood.cutOff, "the connection was still open 30 s after the client stopped reading");
        }
    }

    /**
     * A client that pipelines 60 MiB of NOOPs (140 MiB of replies) and reads none of the replies, its receive
     * buffer kept small so that unread replies back up in the sink rather than in this socket.
     */
    private static final class Flood implements AutoCloseable {
        final Socket socket = new Socket();
        Thread writer;
        volatile boolean cutOff;

        static Flood of(SmtpSink sink) throws IOException {
            Flood flood = new Flood();
            flood.socket.setReceiveBufferSize(4096);
            flood.socket.connect(sink.smtpAddress());
            byte[] noops = "NOOP\r\n".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
            OutputStream out = flood.socket.getOutputStream();
            flood.writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 160; i++) out.write(noops);
                } catch (IOException e) {
                    flood.cutOff = true; // the connection closed under a blocked write
                }
            });
            return flood;
        }

        @Override
        public void close() throws Exception {
            socket.close();
            writer.join(Duration.ofSeconds(10));
        }
    }

    @Test
    void aCommandLineWithABareLineFeedIsRefused() {
        try (SmtpSink sink = Sinks.discarding(); RawSession raw = Sinks.raw(sink)) {
            raw.code();
            assertEquals(500, raw.send("NOOP\nNOOP\r\n").code());
            assertEquals(250, raw.send("NOOP\r\n").code());
        }
    }

    @Test
    void aMessageOverTheSizeLimitIsReadToItsEndAndRefused() throws Exception {
        SinkSettings settings = SinkSettings.defaults().withKeepMessages(true).withLimits(SinkLimits.defaults().withMessageOctets(1000));
        try (SmtpSink sink = Sinks.start(settings); SmtpSession smtp = Sinks.smtp(sink)) {
            smtp.ehlo("client.test");
            assertEquals(552, smtp.mail("a@client.test", "SIZE=1001").code());
            assertEquals(552, smtp.sendMessage("a@client.test", List.of("b@sink.test"), "y".repeat(5000).getBytes()).code());
            assertEquals(250, smtp.sendMessage("a@client.test", List.of("b@sink.test"), ("y".repeat(998) + "\r\n").getBytes()).code());
            assertEquals(1, sink.keptMessages("b@sink.test").size());
        }
    }

    @Test
    void recipientsPastTheLimitGet452() throws Exception {
        SinkSettings settings = SinkSettings.defaults().withLimits(SinkLimits.defaults().withRecipientsPerMessage(100));
        try (SmtpSink sink = Sinks.start(settings); SmtpSession smtp = Sinks.smtp(sink)) {
            smtp.ehlo("client.test");
            smtp.mail("a@client.test");
            for (int i = 0; i < 100; i++) assertEquals(250, smtp.rcpt("r" + i + "@sink.test").code());
            assertEquals(452, smtp.rcpt("one-more@sink.test").code());
        }
    }

    @Test
    void aFullStoreRefusesMessagesWith452() throws Exception {
        SinkSettings settings = SinkSettings.defaults().withKeepMessages(true).withLimits(SinkLimits.defaults().withKeptMessages(2));
        try (SmtpSink sink = Sinks.start(settings); SmtpSession smtp = Sinks.smtp(sink)) {
            smtp.ehlo("client.test");
            assertEquals(250, smtp.sendMessage("a@client.test", List.of("b@sink.test", "c@sink.test"), "x\r\n".getBytes()).code());
            assertEquals(452, smtp.sendMessage("a@client.test", List.of("b@sink.test"), "x\r\n".getBytes()).code());
            assertEquals(2, sink.counters().messagesKept());
        }
    }

    @Test
    void sessionsPastTheLimitGet421() {
        SinkSettings settings = SinkSettings.defaults().withLimits(SinkLimits.defaults().withSessions(3));
        List<RawSession> open = new ArrayList<>();
        try (SmtpSink sink = Sinks.start(settings)) {
            for (int i = 0; i < 3; i++) {
                open.add(Sinks.raw(sink));
                assertEquals(220, open.get(i).code());
            }
            try (RawSession fourth = Sinks.raw(sink)) {
                assertEquals(421, fourth.code());
                assertTrue(fourth.closedByServer());
            }
            assertEquals(1, sink.counters().sessionsRefused());
            assertEquals(3, sink.counters().smtpSessionsOpen());
        } finally {
            open.forEach(RawSession::close);
        }
    }

    @Test
    void anIdleSessionIsClosedWith421() {
        SinkSettings settings = SinkSettings.defaults().withLimits(SinkLimits.defaults().withIdleTimeout(Duration.ofMillis(200)));
        try (SmtpSink sink = Sinks.start(settings); RawSession raw = Sinks.raw(sink)) {
            assertEquals(220, raw.code());
            assertTrue(raw.reply().startsWith("421 4.4.2"));
            assertTrue(raw.closedByServer());
        }
    }
}
