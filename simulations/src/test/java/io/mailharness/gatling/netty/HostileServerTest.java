package io.mailharness.gatling.netty;

import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.message.MessageMix;
import io.mailharness.message.MessageStamp;
import io.mailharness.settings.Account;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.SmtpSecurity;
import org.junit.jupiter.api.AfterEach;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.mailharness.gatling.netty.Clients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servers that send garbage, endless or dripping replies, or reset the connection: each ends the step in a failure
 * of the class an action reports, within the step's deadline, the connection closed, holding at most a line.
 */
class HostileServerTest {
    private static final Duration STEP = Duration.ofMillis(500);
    private static final ReplyLimits LIMITS = ReplyLimits.defaults().withReplyOctets(64 * 1024).withMessageOctets(64 * 1024);
    private static final Account ACCOUNT = new Account("user@hostile.test", "user", "secret", true);
    private final Clients clients = new Clients(STEP, LIMITS);
    private final SharedBodyMessages messages = new SharedBodyMessages(7, MessageMix.parse("uniform:1k-1k"));
    private HostileServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
        clients.close();
    }

    private SmtpChannel smtp(HostileServer.Script script) throws IOException {
        server = new HostileServer(script);
        return new SmtpChannel(clients.config, clients.loop(), Clients.plain(server.port()));
    }

    /** The step's failure, checked to be of {@code errorClass}, to have ended within the deadline and to close the connection. */
    private static String failed(ClientChannel<?> session, Step step, String errorClass) {
        assertTrue(step.failed(), "expected a failure, got " + step);
        assertEquals(errorClass, Clients.errorClass(step.failure()), step.failure().getMessage());
        assertTrue(step.nanos() < STEP.toNanos() + 1_000_000_000L, "ended after " + step.nanos() / 1_000_000 + " ms");
        assertFalse(session.isOpen());
        return step.failure().getMessage();
    }

    @Test
    void aGreetingThatIsNoReplyIsAProtocolFailure() throws IOException {
        SmtpChannel smtp = smtp(c -> c.send("HTTP/1.1 400 Bad Request\r\n\r\n"));
        String m = failed(smtp, await(smtp.connect()), "protocol");
        assertTrue(m.endsWith("not an SMTP reply line: 'HTTP/1.1 400 Bad Request'"), m);
    }

    @Test
    void aReplyCodeOutsideTheReplyClassesIsAProtocolFailure() throws IOException {
        SmtpChannel smtp = smtp(c -> c.send("199 almost\r\n"));
        assertTrue(failed(smtp, await(smtp.connect()), "protocol").contains("not an SMTP reply line: '199 almost'"));
    }

    @Test
    void aReplyWhoseLinesCarryDifferentCodesIsAProtocolFailureNotItsFirstLinesCode() throws IOException {
        SmtpChannel smtp = smtp(c -> {
            c.send("220 hostile ESMTP\r\n");
            c.read();
            c.send("250-2.1.5 ok\r\n550 5.1.1 no such user\r\n");
        });
        assertEquals(220, await(smtp.connect()).reply().code());
        String m = failed(smtp, await(smtp.ehlo()), "protocol");
        assertEquals("EHLO: reply lines carry different codes: 250 then 550", m);
    }

    @Test
    void anEndlessLineEndsAtTheLineBound() throws IOException {
        SmtpChannel smtp = smtp(c -> {
            c.send("220 ");
            c.sendForever("x");
        });
        String m = failed(smtp, await(smtp.connect()), "protocol");
        assertTrue(m.endsWith("reply line longer than 65536 octets"), m);
        assertTrue(smtp.peakKeptOctets() <= 2 * 65536 + 2, "held " + smtp.peakKeptOctets() + " octets");
    }

    @Test
    void anEndlessMultilineReplyEndsAtTheLineCount() throws IOException {
        SmtpChannel smtp = smtp(c -> {
            c.send("220 hostile ESMTP\r\n");
            c.read();
            c.sendForever("250-KEYWORD\r\n");
        });
        assertEquals(220, await(smtp.connect()).reply().code());
        SmtpStep ehlo = await(smtp.ehlo());
        String m = failed(smtp, ehlo, "protocol");
        assertTrue(m.equals("EHLO: reply longer than 1000 lines"), m);
        assertTrue(smtp.peakKeptOctets() < 64 * 1024, "held " + smtp.peakKeptOctets() + " octets");
    }

    @Test
    void anEndlessReplyOfLongLinesEndsAtTheReplyOctets() throws IOException {
        SmtpChannel smtp = smtp(c -> {
            c.send("220 hostile ESMTP\r\n");
            c.read();
            c.sendForever("250-" + "x".repeat(4000) + "\r\n"); // under the line length, and 16 lines pass the octets
        });
        assertEquals(220, await(smtp.connect()).reply().code());
        String m = failed(smtp, await(smtp.ehlo()), "protocol");
        assertEquals("EHLO: reply longer than " + LIMITS.replyOctets() + " octets", m);
    }

    @Test
    void aSlowDripEndsAtTheStepDeadline() throws IOException {
        SmtpChannel smtp = smtp(c -> c.drip("220 slowly but surely", 40));
        SmtpStep greeting = await(smtp.connect());
        String m = failed(smtp, greeting, "timeout");
        assertTrue(greeting.nanos() >= STEP.toNanos(), greeting.toString());
        assertTrue(m.endsWith("no complete reply within 500 ms"), m);
    }

    @Test
    void aResetIsAConnectionFailure() throws IOException {
        SmtpChannel smtp = smtp(c -> {
            c.send("220 hostile ESMTP\r\n");
            c.read();
            c.reset();
        });
        await(smtp.connect());
        failed(smtp, await(smtp.ehlo()), "connection");
    }

    @Test
    void aCloseWithoutAReplyIsAConnectionFailure() throws IOException {
        SmtpChannel smtp = smtp(c -> c.socket.close());
        assertTrue(failed(smtp, await(smtp.connect()), "connection").endsWith("connection closed by the server"));
    }

    @Test
    void a421WhileIdleFailsTheNextStepAtOnceAndSaysWhy() throws IOException, InterruptedException {
        SmtpChannel smtp = smtp(c -> {
            c.send("220 hostile ESMTP\r\n");
            c.read();
            c.send("250 hostile\r\n");
            c.send("421 4.4.2 Idle timeout, closing connection\r\n");
            c.socket.close();
        });
        await(smtp.connect());
        await(smtp.ehlo());
        Awaitility.await("the server's close seen").atMost(Duration.ofSeconds(1)).until(() -> !smtp.isOpen());
        SmtpStep noop = await(smtp.noop());
        String m = failed(smtp, noop, "connection");
        assertTrue(m.equals("NOOP: connection closed by the server: 421 4.4.2 Idle timeout, closing connection"), m);
    }

    /** A transaction whose MAIL the server answers with {@code replies} (line ends included): how it failed; {@code steps} get its steps. */
    private Throwable transactionWithMailAnswered(String replies, Clients.Recorder<SmtpStep> steps) throws IOException {
        SmtpChannel smtp = smtp(c -> {
            c.send("220 hostile ESMTP\r\n");
            c.read();
            c.send("250 hostile\r\n");
            c.read();
            c.send(replies);
            c.read();
        });
        await(smtp.connect());
        await(smtp.ehlo());
        Throwable failure = Clients.failure(smtp.send("a@hostile.test", List.of("b@hostile.test"),
                messages.build(1, "m1", "a@hostile.test", List.of("b@hostile.test"), System.currentTimeMillis()), false, steps));
        assertFalse(smtp.isOpen());
        return failure;
    }

    @Test
    void aCommandAnsweredTwiceFailsAtItsOwnStepNotAtTheNext() throws IOException {
        Clients.Recorder<SmtpStep> steps = Clients.Recorder.smtp();
        Throwable failure = transactionWithMailAnswered("250 2.1.0 sender ok\r\n250 2.1.0 sender ok again\r\n354 go ahead\r\n", steps);
        assertEquals("protocol", Clients.errorClass(failure));
        assertEquals("MAIL: more replies than commands: '250 2.1.0 sender ok again' came after '250 2.1.0 sender ok'", failure.getMessage());
        assertEquals(List.of(SmtpStage.MAIL), steps.steps.stream().map(SmtpStep::stage).toList(), "no later step took a surplus reply");
    }

    @Test
    void a421SentBeforeTheNextCommandIsTheServerClosingNotThatCommandsReply() throws IOException {
        Throwable failure = transactionWithMailAnswered("250 2.1.0 sender ok\r\n421 4.3.2 shutting down\r\n", Clients.Recorder.smtp());
        assertEquals("connection", Clients.errorClass(failure), failure.getMessage());
        assertEquals("RCPT: connection closed by the server: 421 4.3.2 shutting down", failure.getMessage());
    }

    @Test
    void repliesSentAheadOfTheTlsHandshakeAreRefused() throws IOException {
        server = new HostileServer(c -> {
            c.send("220 hostile ESMTP\r\n");
            c.read();
            c.send("250-hostile\r\n250 STARTTLS\r\n");
            c.read();
            c.send("220 2.0.0 Ready\r\n250 injected before TLS\r\n");
            c.read();
        });
        SmtpTarget target = SmtpTarget.of(new Endpoint("127.0.0.1", server.port()), SmtpSecurity.STARTTLS, Optional.empty(), null, Clients.CLIENT_DOMAIN);
        Clients.Recorder<SmtpStep> steps = Clients.Recorder.smtp();
        Throwable failure = Clients.failure(SmtpHandshake.open(clients.config, clients.loop(), target, steps));
        assertEquals("protocol", Clients.errorClass(failure));
        assertTrue(failure.getMessage().startsWith("STARTTLS: the server sent more after its 220"), failure.getMessage());
        assertEquals(SmtpStage.STARTTLS, steps.steps.get(2).stage());
    }

    @Test
    void aServerThatAnswersTheTlsHandshakeWithTextIsATlsFailure() throws IOException {
        server = new HostileServer(c -> {
            c.send("220 hostile ESMTP\r\n");
            c.read();
            c.send("250-hostile\r\n250 STARTTLS\r\n");
            c.read();
            c.send("220 2.0.0 Ready\r\n");
            c.read();
            c.send("500 what is this\r\n");
        });
        SmtpTarget target = SmtpTarget.of(new Endpoint("127.0.0.1", server.port()), SmtpSecurity.STARTTLS, Optional.empty(), null, Clients.CLIENT_DOMAIN);
        Throwable failure = Clients.failure(SmtpHandshake.open(clients.config, clients.loop(), target, Clients.Recorder.smtp()));
        assertTrue(failure.getMessage().startsWith("STARTTLS: TLS failure"), failure.getMessage());
    }

    private Pop3Channel pop3(HostileServer.Script afterLogin) throws IOException {
        server = new HostileServer(c -> {
            c.send("+OK hostile POP3\r\n");
            c.read();
            c.send("+OK\r\n");
            c.read();
            c.send("+OK logged in\r\n");
            afterLogin.run(c);
        });
        Pop3Target target = Pop3Target.of(new Endpoint("127.0.0.1", server.port()), Pop3Security.PLAIN);
        return await(Pop3Handshake.open(clients.config, clients.loop(), target, ACCOUNT, false, Clients.Recorder.pop3()));
    }

    /** A session whose next listing never ends: {@code line} again and again after the +OK. */
    private Pop3Channel endlessListing(String line) throws IOException {
        return pop3(c -> {
            c.read();
            c.send("+OK listing follows\r\n");
            c.sendForever(line);
        });
    }

    @Test
    void anEndlessListingEndsAtTheListingBound() throws IOException {
        Pop3Channel pop3 = endlessListing("1 1000 " + "x".repeat(120) + "\r\n");
        assertEquals("LIST: reply longer than 65536 octets", failed(pop3, await(pop3.list()), "protocol"));
    }

    /** A listing whose whole response (its +OK line, the listing and the final "." line) is {@code octets} long. */
    private Pop3Channel listingOf(int octets) throws IOException {
        String status = "+OK\r\n";
        String end = ".\r\n";
        String line = "1 " + "x".repeat(96) + "\r\n";
        int body = octets - status.length() - end.length();
        int rest = body % line.length();
        String last = "2 " + "y".repeat(rest - 4) + "\r\n";
        String listing = line.repeat(body / line.length()) + last;
        return pop3(c -> {
            c.read();
            c.send(status + listing + end);
            c.read();
        });
    }

    @Test
    void theListingBoundCountsTheWholeResponseAsTheBlockingClientDoes() throws IOException {
        Pop3Channel fits = listingOf(64 * 1024);
        Pop3Step step = await(fits.list());
        assertFalse(step.failed(), step.toString());
        fits.close();
        server.close();
        Pop3Channel over = listingOf(64 * 1024 + 1);
        assertEquals("LIST: reply longer than 65536 octets", failed(over, await(over.list()), "protocol"));
    }

    @Test
    void aListingOfEndlesslyManyShortLinesEndsAtTheLineBound() throws IOException {
        Pop3Channel pop3 = endlessListing("1 1\r\n");
        assertEquals("UIDL: reply longer than " + LIMITS.replyLines() + " lines", failed(pop3, await(pop3.uidl()), "protocol"));
    }

    @Test
    void anEndlessMessageEndsAtTheMessageBoundWithoutBeingHeld() throws IOException {
        Pop3Channel pop3 = pop3(c -> {
            c.read();
            c.send("+OK message follows\r\nX-Mailharness-Id: m1; t=1; n=1; sha256=00\r\n\r\n");
            c.sendForever("a line of the body that never ends\r\n");
        });
        assertEquals("RETR: reply longer than 65536 octets", failed(pop3, await(pop3.retr(1)), "protocol"));
        assertTrue(pop3.peakKeptOctets() < 64 * 1024, "held " + pop3.peakKeptOctets() + " octets");
    }

    @Test
    void aPop3CommandAnsweredTwiceFailsAtItsOwnStep() throws IOException {
        Pop3Channel pop3 = pop3(c -> {
            c.read();
            c.send("+OK 0 0\r\n+OK 0 0\r\n");
            c.read();
        });
        assertEquals("STAT: more responses than commands: '+OK 0 0' came after '+OK 0 0'", failed(pop3, await(pop3.stat()), "protocol"));
    }

    @Test
    void aStatusLineThatIsNeitherOkNorErrIsAProtocolFailure() throws IOException {
        Pop3Channel pop3 = pop3(c -> {
            c.read();
            c.send("HELLO THERE\r\n");
        });
        assertEquals("STAT: not a POP3 status line: 'HELLO THERE'", failed(pop3, await(pop3.stat()), "protocol"));
    }

    /** RETR answered +OK and then {@code part} of the message, never the rest: the step's timeout. */
    private Pop3Step stalledRetrieval(String part) throws IOException {
        Pop3Channel pop3 = pop3(c -> {
            c.read();
            c.send("+OK message follows\r\n" + part);
            c.read();
        });
        Pop3Step retr = await(pop3.retr(1));
        failed(pop3, retr, "timeout");
        assertTrue(retr.nanos() >= STEP.toNanos());
        return retr;
    }

    @Test
    void aRetrievalCutOffAfterTheStampTellsWhichMessageItWas() throws IOException {
        Pop3Step retr = stalledRetrieval("Received: by hostile\r\nX-Mailharness-Id: mh-cut-1; t=1; n=2; sha256=00\r\nSubject: half\r\n");
        MessageStamp.Inspection stamp = retr.message().stamp().orElseThrow();
        assertEquals("mh-cut-1", stamp.id());
        assertEquals(2, stamp.recipients());
        assertFalse(stamp.intact(), "an incomplete message is never intact");
        assertNull(retr.message().damagedContent());
    }

    @Test
    void aStalledRetrievalEndsAtTheStepDeadline() throws IOException {
        Pop3Step retr = stalledRetrieval("Subject: half\r\n");
        assertTrue(retr.message().stamp().isEmpty(), "no stamp had arrived");
    }
}
