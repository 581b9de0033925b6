package io.mailharness.gatling;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.record.Ledger;
import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;
import io.mailharness.settings.Account;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.Pop3Settings;
import io.mailharness.settings.SmtpAuthMechanism;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.Timeouts;
import io.mailharness.settings.TlsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A short load run over each TLS path, certificates not verified (self-signed test servers):
 * SMTP STARTTLS then AUTH PLAIN with POP3 STLS (the fault server), and implicit TLS on both protocols
 * (GreenMail's SMTPS and POP3S; the fault server has no implicit-TLS listener).
 */
class TlsLoadTest {
    private static final TlsSettings UNVERIFIED = new TlsSettings(false, Optional.empty());

    @TempDir
    Path results;

    @AfterEach
    void reset() {
        ScriptedSimulation.resetDefaults();
    }

    @Test
    void startTlsWithAuthPlainAndStls() {
        try (FaultyMailServer server = FaultyMailServer.start()) {
            TargetSettings plain = server.settings(Duration.ofSeconds(5));
            TargetSettings tls = new TargetSettings(plain.name(), plain.description(), plain.domain(),
                    Optional.of(new SmtpSettings(plain.requireSmtp().endpoint(), SmtpSecurity.STARTTLS, Optional.of(SmtpAuthMechanism.PLAIN))),
                    Optional.of(new Pop3Settings(plain.requirePop3().endpoint(), Pop3Security.STLS)),
                    UNVERIFIED, plain.timeouts(), plain.accounts());
            ScriptedSimulation.cases = List.of(new ScriptedSimulation.Case("tls", tls, 4, 2, true));

            InProcessGatling.run(ScriptedSimulation.class, results);

            RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
            assertEquals(new Ledger(4, 4, 0, 4, 4, 0, 0, 0), record.ledger(), record.errors().toString());
            assertAllOk(record, "tls STARTTLS", 2);
            assertAllOk(record, "tls EHLO", 4);
            assertAllOk(record, "tls AUTH", 2);
            assertAllOk(record, "tls end-of-data", 4);
            assertAllOk(record, "tls POP3 STLS", record.requests().get("tls POP3 connect+greeting").count());
        }
    }

    @Test
    void startTlsWithPipelining() {
        try (FaultyMailServer server = FaultyMailServer.start()) {
            TargetSettings plain = server.settings(Duration.ofSeconds(5));
            TargetSettings tls = new TargetSettings(plain.name(), plain.description(), plain.domain(),
                    Optional.of(new SmtpSettings(plain.requireSmtp().endpoint(), SmtpSecurity.STARTTLS, Optional.of(SmtpAuthMechanism.PLAIN))),
                    plain.pop3(), UNVERIFIED, plain.timeouts(), plain.accounts());
            ScriptedSimulation.pipelining = true;
            ScriptedSimulation.cases = List.of(new ScriptedSimulation.Case("piped", tls, 4, 4, true));

            InProcessGatling.run(ScriptedSimulation.class, results);

            RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
            assertEquals(new Ledger(4, 4, 0, 4, 4, 0, 0, 0), record.ledger(), record.errors().toString());
            assertAllOk(record, "piped RCPT", 4);
        }
    }

    @Test
    void implicitTlsOnBothProtocols() {
        ServerSetup smtps = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS);
        ServerSetup pop3s = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3S);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {smtps, pop3s});
        greenMail.start();
        try {
            greenMail.setUser("tls1@mh.test", "tls1", "tls1-secret");
            greenMail.setUser("tls2@mh.test", "tls2", "tls2-secret");
            TargetSettings target = new TargetSettings("greenmail-tls", "GreenMail SMTPS and POP3S", "mh.test",
                    Optional.of(new SmtpSettings(new Endpoint("127.0.0.1", greenMail.getSmtps().getPort()), SmtpSecurity.TLS, Optional.empty())),
                    Optional.of(new Pop3Settings(new Endpoint("127.0.0.1", greenMail.getPop3s().getPort()), Pop3Security.TLS)),
                    UNVERIFIED, new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)),
                    List.of(new Account("tls1@mh.test", "tls1", "tls1-secret", true), new Account("tls2@mh.test", "tls2", "tls2-secret", true)));
            ScriptedSimulation.cases = List.of(new ScriptedSimulation.Case("smtps", target, 4, 2, true));

            InProcessGatling.run(ScriptedSimulation.class, results);

            RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
            assertEquals(new Ledger(4, 4, 0, 4, 4, 0, 0, 0), record.ledger(), record.errors().toString());
            assertAllOk(record, "smtps connect+greeting", 2);
            assertAllOk(record, "smtps end-of-data", 4);
        } finally {
            greenMail.stop();
        }
    }

    private static void assertAllOk(RunRecord record, String request, long count) {
        RequestStats stats = record.requests().get(request);
        assertNotNull(stats, request + " missing from " + record.requests().keySet());
        assertEquals(count, stats.ok(), request + ": " + record.errors());
        assertEquals(0, stats.ko(), request + ": " + record.errors());
    }
}
