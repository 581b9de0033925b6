package io.mailharness.gatling;

import io.mailharness.faultserver.Faults;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.faultserver.smtp.SmtpFaults;
import io.mailharness.faultserver.smtp.SmtpStage;
import io.mailharness.settings.Account;
import io.mailharness.settings.SettingsException;
import io.mailharness.settings.TargetSettings;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Before any load: one line for a target that does not answer or credentials that do not work, naming the account, never the password. */
class LoadPreflightTest {
    @Test
    void aWorkingTargetPasses() {
        try (FaultyMailServer server = FaultyMailServer.start()) {
            assertDoesNotThrow(() -> LoadPreflight.check(server.settings(Duration.ofSeconds(5)), true));
        }
    }

    @Test
    void aWrongPop3PasswordIsOneLineNamingTheAccountNotThePassword() {
        try (FaultyMailServer server = FaultyMailServer.start()) {
            TargetSettings good = server.settings(Duration.ofSeconds(5));
            List<Account> accounts = new ArrayList<>(good.accounts());
            Account bob = accounts.get(1);
            accounts.set(1, new Account(bob.address(), bob.user(), "not-bobs-password", true));
            TargetSettings wrong = new TargetSettings(good.name(), good.description(), good.domain(), good.smtp(), good.pop3(), good.tls(),
                    good.timeouts(), accounts);

            SettingsException e = assertThrows(SettingsException.class, () -> LoadPreflight.check(wrong, true));

            assertTrue(e.getMessage().startsWith("preflight: POP3 127.0.0.1:" + server.pop3Port() + " login as 'bob' (" + bob.address() + "): PASS: server replied -ERR"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("not-bobs-password"));
            assertEquals(1, e.getMessage().lines().count());
            assertDoesNotThrow(() -> LoadPreflight.check(wrong, false), "send-only: POP3 is not used, so not checked");
        }
    }

    @Test
    void aRefusingOrClosedServerIsOneLine() throws Exception {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(SmtpFaults.replyAt(SmtpStage.GREETING, 554, "5.3.2 go \u001b[1maway")))) {
            SettingsException e = assertThrows(SettingsException.class, () -> LoadPreflight.check(server.settings(Duration.ofSeconds(5)), true));
            assertEquals("preflight: SMTP 127.0.0.1:" + server.smtpPort() + ": greeting: server replied 554 5.3.2 go \\x1b[1maway", e.getMessage(),
                    "what the server sent, escaped");
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (FaultyMailServer server = FaultyMailServer.start()) {
            TargetSettings t = server.settings(Duration.ofSeconds(5));
            TargetSettings gone = t.withSmtp(java.util.Optional.of(new io.mailharness.settings.SmtpSettings(
                    new io.mailharness.settings.Endpoint("127.0.0.1", closed), t.requireSmtp().security(), t.requireSmtp().auth())));
            SettingsException e = assertThrows(SettingsException.class, () -> LoadPreflight.check(gone, true));
            assertTrue(e.getMessage().startsWith("preflight: SMTP 127.0.0.1:" + closed + " is unreachable (connect to SMTP"), e.getMessage());
        }
    }
}
