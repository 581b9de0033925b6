package io.mailharness.client;

import io.mailharness.settings.Endpoint;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.Pop3Settings;
import io.mailharness.settings.ReplyLimits;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;
import io.mailharness.settings.Timeouts;
import io.mailharness.settings.TlsSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.mailharness.client.ScriptedServer.readLine;
import static io.mailharness.client.ScriptedServer.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hostile server sends cannot exhaust the client: every reply is read within the reply limits, every
 * step within the read timeout as a whole, and a step past either bound fails and closes the connection.
 */
class BoundedRepliesTest {
    /** Released when a test ends, so a scripted server that holds its connection silent stops with it. */
    private final CountDownLatch testDone = new CountDownLatch(1);

    @org.junit.jupiter.api.AfterEach
    void releaseSilentServers() {
        testDone.countDown();
    }

    private static final Timeouts ONE_SECOND = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));
    private static final ReplyLimits SMALL = new ReplyLimits(1024, 100, 64 * 1024);

    private static SmtpSession smtp(ScriptedServer server, Timeouts timeouts, ReplyLimits limits, SocketTally tally) throws MailProtocolException {
        return SmtpSession.connect(new SmtpSettings(new Endpoint("127.0.0.1", server.port()), SmtpSecurity.PLAIN, Optional.empty()),
                TlsSettings.verifying(), timeouts, limits, null, tally);
    }

    private static Pop3Session pop3(ScriptedServer server, Timeouts timeouts, ReplyLimits limits) throws MailProtocolException {
        return Pop3Session.connect(new Pop3Settings(new Endpoint("127.0.0.1", server.port()), Pop3Security.PLAIN), TlsSettings.verifying(),
                timeouts, limits, null, SocketTally.NONE);
    }

    @Test
    void anEndlessMultiLineReplyStopsAtTheLineLimitAndClosesTheConnection() throws IOException {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            send(client, "220 endless ESMTP\r\n");
            readLine(client);
            for (int i = 0; i < 1_000_000; i++) send(client, "250-line " + i + "\r\n");
        })) {
            SmtpSession session = smtp(server, ONE_SECOND, SMALL, SocketTally.NONE);
            MailProtocolException e = assertThrows(MailProtocolException.class, () -> session.ehlo("client.example"));
            assertEquals("EHLO: reply longer than 100 lines", e.getMessage());
            assertFalse(session.isConnected(), "the connection is closed");
        }
    }

    @Test
    void aHugeLineWithoutLineEndStopsAtTheLineLimit() throws IOException {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            send(client, "220 ");
            for (int i = 0; i < 160; i++) client.getOutputStream().write(chunk); // 10 MiB, no CRLF
        })) {
            MailProtocolException e = assertThrows(MailProtocolException.class, () -> smtp(server, ONE_SECOND, ReplyLimits.defaults(), SocketTally.NONE));
            assertEquals("greeting: reply line longer than 65536 octets", e.getMessage());
            assertFalse(e.getCause() instanceof java.net.SocketTimeoutException, "the bound ends it, not the deadline");
        }
    }

    @Test
    void aDrippingReplyTimesOutAtTheStepDeadlineNotPerRead() throws IOException {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            send(client, "220 drip ESMTP\r\n");
            readLine(client);
            // one piece every 100 ms, never a last line
            ScriptedServer.drip(client, 1000, Duration.ofMillis(100), i -> i % 10 == 9 ? "\r\n" : i % 10 == 0 ? "250-" : "x");
        })) {
            SmtpSession session = smtp(server, ONE_SECOND, ReplyLimits.defaults(), SocketTally.NONE);
            long start = System.nanoTime();
            MailProtocolException e = assertThrows(MailProtocolException.class, () -> session.ehlo("client.example"));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertEquals("EHLO: no complete reply within 1000 ms", e.getMessage());
            assertInstanceOf(java.net.SocketTimeoutException.class, e.getCause());
            assertTrue(millis >= 950 && millis < 1600, "one step deadline, whatever the reads: " + millis + " ms");
            assertFalse(session.isConnected());
        }
    }

    @Test
    void aServerThatStopsReadingCannotBlockTheDataWriteBeyondTheDeadline() throws IOException {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            send(client, "220 ready\r\n");
            for (String reply : new String[] {"250 ok", "250 ok", "250 ok", "354 go ahead"}) {
                readLine(client);
                send(client, reply + "\r\n");
            }
            testDone.await(10, TimeUnit.SECONDS); // and never reads the data
        })) {
            SmtpSession session = smtp(server, ONE_SECOND, ReplyLimits.defaults(), SocketTally.NONE);
            session.ehlo("client.example");
            session.mail("a@b.test");
            session.rcpt("c@d.test");
            session.data();
            byte[] big = ("0123456789".repeat(7) + "\r\n").repeat(120_000).getBytes(StandardCharsets.US_ASCII); // more than the socket buffers hold
            MailProtocolException e = assertThrows(MailProtocolException.class, () -> session.endOfData(big));
            assertEquals("end of data: no complete reply within 1000 ms", e.getMessage(), "not the broken pipe when the server gives up after 10 s");
        }
    }

    @Test
    void a421IsAReplyAndTheConnectionIsClosed() throws IOException {
        AtomicInteger open = new AtomicInteger();
        SocketTally tally = new SocketTally() {
            @Override
            public void opened() {
                open.incrementAndGet();
            }

            @Override
            public void closed() {
                open.decrementAndGet();
            }
        };
        try (ScriptedServer server = ScriptedServer.start(client -> send(client, "421 4.3.2 mx.example Service not available, closing\r\n"))) {
            SmtpSession session = smtp(server, ONE_SECOND, ReplyLimits.defaults(), tally);
            assertEquals(421, session.greeting().code());
            assertEquals("4.3.2", session.greeting().enhancedStatusCode().orElseThrow());
            assertFalse(session.isConnected());
            assertEquals(0, open.get(), "the socket was counted open, then closed");
        }
    }

    @Test
    void aRetrievalWithoutItsFinalDotTimesOutOnceKeepingWhatArrived() throws IOException {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            send(client, "+OK ready\r\n");
            readLine(client);
            send(client, "+OK 42 octets\r\nSubject: hello\r\n\r\n..a stuffed line\r\nlast line\r\n");
            testDone.await(10, TimeUnit.SECONDS); // silent, the connection open, until the test is over
        })) {
            Pop3Session session = pop3(server, ONE_SECOND, ReplyLimits.defaults());
            long start = System.nanoTime();
            MailProtocolException e = assertThrows(MailProtocolException.class, () -> session.retr(1));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1600, "one deadline, not two");
            assertEquals("RETR: no complete reply within 1000 ms", e.getMessage());
            assertEquals("Subject: hello\r\n\r\n.a stuffed line\r\nlast line\r\n", new String(e.partialContent().orElseThrow(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aListingOrMessageBeyondTheLimitsFails() throws IOException {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            send(client, "+OK ready\r\n");
            readLine(client);
            send(client, "+OK\r\n");
            for (int i = 1; i <= 200; i++) send(client, i + " uid-" + i + "\r\n");
            send(client, ".\r\n");
        })) {
            Pop3Session session = pop3(server, ONE_SECOND, SMALL);
            assertEquals("UIDL: reply longer than 100 lines", assertThrows(MailProtocolException.class, session::uidl).getMessage());
        }
        try (ScriptedServer server = ScriptedServer.start(client -> {
            send(client, "+OK ready\r\n");
            readLine(client);
            send(client, "+OK\r\n");
            for (int i = 0; i < 2000; i++) send(client, "x".repeat(70) + "\r\n");
            send(client, ".\r\n");
        })) {
            Pop3Session session = pop3(server, ONE_SECOND, SMALL);
            MailProtocolException e = assertThrows(MailProtocolException.class, () -> session.retr(1));
            assertEquals("RETR: reply longer than 65536 octets", e.getMessage());
            assertTrue(e.partialContent().orElseThrow().length < 65536);
        }
    }
}
