package io.mailharness.gatling.netty;

import io.mailharness.client.Pop3Reply;
import io.mailharness.client.ScanListing;
import io.mailharness.client.UniqueIdListing;
import io.mailharness.faultserver.Faults;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.faultserver.pop3.Pop3Faults;
import io.mailharness.faultserver.smtp.SmtpFaults;
import io.mailharness.gatling.check.Pop3Stage;
import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.message.MessageMix;
import io.mailharness.message.MessageStamp;
import io.mailharness.settings.Account;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.SmtpAuthMechanism;
import io.mailharness.settings.SmtpSecurity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.mailharness.gatling.netty.Clients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both clients against the fault server: STARTTLS and each AUTH mechanism, POP3 with STLS, USER/PASS or APOP,
 * retrieval checked against the stamp's digest, and faults of its catalogue ending as the classified failures an
 * action reports.
 */
class FaultyServerClientTest {
    private static final String FROM = "sender@elsewhere.test";
    private final SharedBodyMessages messages = new SharedBodyMessages(11, MessageMix.realistic());
    private Clients clients = new Clients();
    private FaultyMailServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        clients.close();
    }

    private Account account(String user) {
        return server.settings(Duration.ofSeconds(5)).accounts().stream().filter(a -> a.user().equals(user)).findFirst().orElseThrow();
    }

    private SmtpTarget target(SmtpSecurity security, SmtpAuthMechanism auth) {
        return SmtpTarget.of(new Endpoint(server.host(), server.smtpPort()), security, Optional.ofNullable(auth),
                auth == null ? null : account("alice"), Clients.CLIENT_DOMAIN);
    }

    private Pop3Target pop3(Pop3Security security) {
        return Pop3Target.of(new Endpoint(server.host(), server.pop3Port()), security);
    }

    @ParameterizedTest
    @EnumSource(SmtpAuthMechanism.class)
    void startTlsAndAuthThenPop3RetrievalMatchesTheStampOfEveryMessage(SmtpAuthMechanism mechanism) throws Exception {
        server = FaultyMailServer.start();
        Clients.Recorder<SmtpStep> opening = Clients.Recorder.smtp();
        SmtpChannel smtp = await(SmtpHandshake.open(clients.config, clients.loop(), target(SmtpSecurity.STARTTLS, mechanism), opening));
        assertEquals(List.of(SmtpStage.CONNECT, SmtpStage.EHLO, SmtpStage.STARTTLS, SmtpStage.EHLO, SmtpStage.AUTH),
                opening.steps.stream().map(SmtpStep::stage).toList());
        assertEquals(235, opening.steps.get(4).reply().code());
        assertFalse(smtp.keywords().has("STARTTLS"), "the EHLO after TLS: " + smtp.keywords());

        String bob = account("bob").address();
        Map<String, OutgoingMessage> sent = new HashMap<>();
        for (int n = 0; n < 6; n++) {
            OutgoingMessage m = messages.build(n, mechanism + "-" + n, FROM, List.of(bob), System.currentTimeMillis());
            SmtpTransactionResult result = await(smtp.send(FROM, List.of(bob), m, n % 2 == 0, Clients.Recorder.smtp()));
            assertTrue(result.accepted(), result.toString());
            assertEquals(n % 2 == 0, result.pipelined());
            sent.put(m.id(), m);
        }
        assertEquals(221, await(smtp.quit()).reply().code());

        Clients.Recorder<Pop3Step> login = Clients.Recorder.pop3();
        Pop3Channel pop3 = await(Pop3Handshake.open(clients.config, clients.loop(), pop3(Pop3Security.STLS), account("bob"), false, login));
        assertEquals(List.of(Pop3Stage.CONNECT, Pop3Stage.STLS, Pop3Stage.USER, Pop3Stage.PASS), login.steps.stream().map(Pop3Step::stage).toList());
        Pop3Step stat = await(pop3.stat());
        assertTrue(stat.reply().statusLine().startsWith("+OK 6 "), stat.toString());
        List<ScanListing> sizes = ScanListing.parseAll(await(pop3.list()).reply());
        List<UniqueIdListing> uids = UniqueIdListing.parseAll(await(pop3.uidl()).reply());
        assertEquals(6, uids.size());
        for (ScanListing listing : sizes) {
            Pop3Step retr = await(pop3.retr(listing.message()));
            assertTrue(retr.isOk(), retr.toString());
            assertEquals(listing.sizeOctets(), retr.message().octets(), "RETR octets against LIST size of " + listing.message());
            MessageStamp.Inspection stamp = retr.message().stamp().orElseThrow();
            assertTrue(stamp.intact(), stamp.toString());
            assertEquals(sent.get(stamp.id()).digest(), stamp.actualDigest());
            assertNull(retr.message().damagedContent(), "an intact message is not handed over");
            assertTrue(await(pop3.dele(listing.message())).isOk());
        }
        assertTrue(await(pop3.quit()).isOk());
        assertEquals(0, server.store().messages("bob").size(), "deleted in the UPDATE state");
    }

    @Test
    void apopLogsIn() {
        server = FaultyMailServer.start();
        Clients.Recorder<Pop3Step> login = Clients.Recorder.pop3();
        Pop3Channel pop3 = await(Pop3Handshake.open(clients.config, clients.loop(), pop3(Pop3Security.PLAIN), account("alice"), true, login));
        assertEquals(List.of(Pop3Stage.CONNECT, Pop3Stage.APOP), login.steps.stream().map(Pop3Step::stage).toList());
        assertTrue(await(pop3.quit()).isOk());
    }

    @Test
    void aWrongPasswordEndsTheLoginAsRefused() {
        server = FaultyMailServer.start();
        Account wrong = new Account(account("alice").address(), "alice", "not-the-secret", true);
        Clients.Recorder<Pop3Step> login = Clients.Recorder.pop3();
        Throwable failure = Clients.failure(Pop3Handshake.open(clients.config, clients.loop(), pop3(Pop3Security.PLAIN), wrong, false, login));
        assertTrue(failure.getMessage().startsWith("PASS: server replied -ERR"), failure.getMessage());
        assertFalse(failure.getMessage().contains("not-the-secret"), "the password never shows");
    }

    @Test
    void aMessageNotByteStuffedEndsEarlyAndFailsItsDigest() {
        server = FaultyMailServer.start(Faults.of(Pop3Faults.POP3_RETR_NOT_BYTE_STUFFED));
        String alice = account("alice").address();
        SmtpChannel smtp = await(SmtpHandshake.open(clients.config, clients.loop(), target(SmtpSecurity.PLAIN, null), Clients.Recorder.smtp()));
        // a text message above 1200 octets starts its body with a line holding a single "."
        OutgoingMessage m = new SharedBodyMessages(3, MessageMix.fixed(4096)).build(1, "unstuffed-1", FROM, List.of(alice), 0);
        assertTrue(await(smtp.send(FROM, List.of(alice), m, false, Clients.Recorder.smtp())).accepted());
        Pop3Channel pop3 = await(Pop3Handshake.open(clients.config, clients.loop(), pop3(Pop3Security.PLAIN), account("alice"), false, Clients.Recorder.pop3()));
        Pop3Step retr = await(pop3.retr(1));
        assertTrue(retr.isOk());
        assertTrue(retr.message().octets() < m.size(), "cut short at the unstuffed '.' line");
        MessageStamp.Inspection streamed = retr.message().stamp().orElseThrow();
        assertFalse(streamed.intact());
        byte[] damaged = retr.message().damagedContent();
        assertEquals(retr.message().octets(), damaged.length, "a damaged message is handed over as retrieved, for the comparison");
        assertEquals(streamed, MessageStamp.inspect(damaged).orElseThrow(), "core's inspection of the octets handed over agrees with the streamed one");
        Pop3Step next = await(pop3.stat());
        assertTrue(next.failed(), "the rest of the message is no response to the next command: " + next);
        assertEquals("protocol", Clients.errorClass(next.failure()), next.failure().getMessage());
    }

    @Test
    void aPop3ConnectionAcknowledgesWhatItReadsAtOnceAndAnSmtpOneIsLeftAsTheKernelHasIt() {
        server = FaultyMailServer.start();
        SmtpChannel smtp = await(SmtpHandshake.open(clients.config, clients.loop(), target(SmtpSecurity.PLAIN, null), Clients.Recorder.smtp()));
        Pop3Channel pop3 = await(Pop3Handshake.open(clients.config, clients.loop(), pop3(Pop3Security.PLAIN), account("alice"), false, Clients.Recorder.pop3()));
        assertSame(ImmediateAcknowledgement.INSTANCE, pop3.channel().pipeline().first(), "first in the POP3 pipeline, so that every read is acknowledged");
        assertNull(smtp.channel().pipeline().get(ImmediateAcknowledgement.class));
        assertTrue(await(pop3.uidl()).isOk(), "a multi-line reply still reads whole");
    }

    @Test
    void aStalledServerEndsTheStepAtItsDeadlineAsATimeout() {
        clients.close();
        clients = new Clients(Duration.ofMillis(400), ReplyLimits.defaults());
        server = FaultyMailServer.start(Faults.of(SmtpFaults.stallAt(io.mailharness.faultserver.smtp.SmtpStage.EHLO)));
        Clients.Recorder<SmtpStep> steps = Clients.Recorder.smtp();
        Throwable failure = Clients.failure(SmtpHandshake.open(clients.config, clients.loop(), target(SmtpSecurity.PLAIN, null), steps));
        assertEquals("timeout", Clients.errorClass(failure), failure.toString());
        SmtpStep ehlo = steps.steps.get(1);
        assertEquals(SmtpStage.EHLO, ehlo.stage());
        assertTrue(ehlo.failed() && ehlo.nanos() >= 400_000_000L && ehlo.nanos() < 1_500_000_000L, ehlo.toString());
    }

    @Test
    void aServerThatDropsTheConnectionAtMailEndsTheTransactionAsAConnectionFailure() {
        server = FaultyMailServer.start(Faults.of(SmtpFaults.dropAt(io.mailharness.faultserver.smtp.SmtpStage.MAIL)));
        SmtpChannel smtp = await(SmtpHandshake.open(clients.config, clients.loop(), target(SmtpSecurity.PLAIN, null), Clients.Recorder.smtp()));
        Clients.Recorder<SmtpStep> steps = Clients.Recorder.smtp();
        String alice = account("alice").address();
        Throwable failure = Clients.failure(smtp.send(FROM, List.of(alice), messages.build(1, "drop-1", FROM, List.of(alice), 0), true, steps));
        assertEquals("connection", Clients.errorClass(failure), failure.toString());
        assertEquals(1, steps.steps.size());
        assertTrue(steps.steps.get(0).failed() && steps.steps.get(0).stage() == SmtpStage.MAIL, steps.steps.toString());
        assertFalse(smtp.isOpen());
    }

    @Test
    void aServerThatDropsMidDataEndsEndOfDataAsAConnectionFailure() {
        server = FaultyMailServer.start(Faults.of(SmtpFaults.dropAfterBodyOctets(1000)));
        SmtpChannel smtp = await(SmtpHandshake.open(clients.config, clients.loop(), target(SmtpSecurity.PLAIN, null), Clients.Recorder.smtp()));
        Clients.Recorder<SmtpStep> steps = Clients.Recorder.smtp();
        String alice = account("alice").address();
        OutgoingMessage m = new SharedBodyMessages(5, MessageMix.fixed(64 * 1024)).build(1, "mid-1", FROM, List.of(alice), 0);
        Throwable failure = Clients.failure(smtp.send(FROM, List.of(alice), m, false, steps));
        assertEquals("connection", Clients.errorClass(failure), failure.toString());
        SmtpStep last = steps.steps.get(steps.steps.size() - 1);
        assertEquals(SmtpStage.END_OF_DATA, last.stage());
        assertTrue(last.failed());
    }

    @Test
    void aGreetingOtherThan220RefusesTheOpeningAndSaysSo() {
        server = FaultyMailServer.start(Faults.named("SMTP_GREETING_NOT_220"));
        Clients.Recorder<SmtpStep> steps = Clients.Recorder.smtp();
        Throwable failure = Clients.failure(SmtpHandshake.open(clients.config, clients.loop(), target(SmtpSecurity.PLAIN, null), steps));
        assertEquals(1, steps.steps.size());
        assertFalse(steps.steps.get(0).failed());
        assertTrue(failure.getMessage().startsWith("connect+greeting: server replied "), failure.getMessage());
    }

    @Test
    void pop3ListingsParseWithCoresParsers() throws Exception {
        server = FaultyMailServer.start();
        server.insertRaw("alice", "Subject: one\r\n\r\nbody\r\n");
        server.insertRaw("alice", "Subject: two\r\n\r\n.leading dot\r\n");
        Pop3Channel pop3 = await(Pop3Handshake.open(clients.config, clients.loop(), pop3(Pop3Security.PLAIN), account("alice"), false, Clients.Recorder.pop3()));
        Pop3Reply list = await(pop3.list()).reply();
        assertEquals(2, ScanListing.parseAll(list).size());
        Pop3Step retr = await(pop3.retr(2));
        assertEquals(ScanListing.parseAll(list).get(1).sizeOctets(), retr.message().octets());
        assertTrue(retr.message().stamp().isEmpty(), "not a harness message");
        Pop3Step top = await(pop3.top(1, 0));
        assertTrue(top.isOk() && top.message().octets() > 0, top.toString());
        assertFalse(await(pop3.retr(9)).isOk(), "no message 9");
        assertTrue(pop3.isOpen(), "-ERR leaves the session usable");
    }
}
