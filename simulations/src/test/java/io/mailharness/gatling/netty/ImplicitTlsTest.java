package io.mailharness.gatling.netty;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailharness.gatling.check.Pop3Stage;
import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.message.MessageMix;
import io.mailharness.message.MessageStamp;
import io.mailharness.settings.Account;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.TlsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.mailharness.gatling.netty.Clients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS from the first octet on both protocols (GreenMail's SMTPS and POP3S: the fault server has no such listener). */
class ImplicitTlsTest {
    private static final Account RECIPIENT = new Account("tls1@mh.test", "tls1", "tls1-secret", true);
    /** One server for the class: GreenMail takes seconds to start its TLS listeners. */
    private static GreenMail greenMail;
    private final Clients clients = new Clients();

    @BeforeAll
    static void start() {
        greenMail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3S)});
        greenMail.start();
        greenMail.setUser(RECIPIENT.address(), RECIPIENT.user(), RECIPIENT.password());
    }

    @AfterAll
    static void stop() {
        greenMail.stop();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void smtpsThenPop3sDeliverTheMessageIntact() {
        SmtpTarget smtps = SmtpTarget.of(new Endpoint("127.0.0.1", greenMail.getSmtps().getPort()), SmtpSecurity.TLS, Optional.empty(), null,
                Clients.CLIENT_DOMAIN);
        Clients.Recorder<SmtpStep> opening = Clients.Recorder.smtp();
        SmtpChannel smtp = await(SmtpHandshake.open(clients.config, clients.loop(), smtps, opening));
        assertEquals(List.of(SmtpStage.CONNECT, SmtpStage.EHLO), opening.steps.stream().map(SmtpStep::stage).toList());
        OutgoingMessage m = new SharedBodyMessages(2, MessageMix.fixed(8192)).build(1, "tls-1", "from@mh.test", List.of(RECIPIENT.address()), 0);
        assertTrue(await(smtp.send("from@mh.test", List.of(RECIPIENT.address()), m, false, Clients.Recorder.smtp())).accepted());
        await(smtp.quit());
        assertTrue(greenMail.waitForIncomingEmail(5000, 1));

        Pop3Target pop3s = Pop3Target.of(new Endpoint("127.0.0.1", greenMail.getPop3s().getPort()), Pop3Security.TLS);
        Clients.Recorder<Pop3Step> login = Clients.Recorder.pop3();
        Pop3Channel pop3 = await(Pop3Handshake.open(clients.config, clients.loop(), pop3s, RECIPIENT, false, login));
        assertEquals(List.of(Pop3Stage.CONNECT, Pop3Stage.USER, Pop3Stage.PASS), login.steps.stream().map(Pop3Step::stage).toList());
        Pop3Step retr = await(pop3.retr(1));
        MessageStamp.Inspection stamp = retr.message().stamp().orElseThrow();
        assertTrue(stamp.intact(), stamp.toString());
        assertEquals(m.digest(), stamp.actualDigest());
        assertTrue(await(pop3.quit()).isOk());
    }

    @Test
    void aVerifyingClientRefusesTheSelfSignedCertificate() {
        MailClientConfig verifying = new MailClientConfig(TlsSettings.verifying(), Duration.ofSeconds(2), Duration.ofSeconds(5), ReplyLimits.defaults());
        SmtpTarget smtps = SmtpTarget.of(new Endpoint("127.0.0.1", greenMail.getSmtps().getPort()), SmtpSecurity.TLS, Optional.empty(), null,
                Clients.CLIENT_DOMAIN);
        Clients.Recorder<SmtpStep> opening = Clients.Recorder.smtp();
        Throwable failure = Clients.failure(SmtpHandshake.open(verifying, clients.loop(), smtps, opening));
        assertTrue(failure.getMessage().startsWith("connect to SMTP 127.0.0.1:" + smtps.address().getPort() + ": TLS failure"), failure.getMessage());
        assertEquals("protocol", Clients.errorClass(failure));
    }
}
