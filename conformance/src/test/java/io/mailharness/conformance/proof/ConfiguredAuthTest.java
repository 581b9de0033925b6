package io.mailharness.conformance.proof;

import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.run.CheckSelection;
import io.mailharness.faultserver.Faults;
import io.mailharness.faultserver.smtp.SmtpCommandVariant;
import io.mailharness.faultserver.smtp.SmtpReply;
import io.mailharness.faultserver.smtp.SmtpStage;
import io.mailharness.result.CheckResult;
import io.mailharness.result.Outcome;
import io.mailharness.settings.SmtpAuthMechanism;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against a listener that wants STARTTLS and AUTH first (smtp.security = starttls), the checks log in with the
 * mechanism the target settings name in {@code smtp.auth}, not always PLAIN.
 */
class ConfiguredAuthTest {
    /** A submission listener that takes AUTH LOGIN but not PLAIN (a server may offer any mechanisms it likes). */
    private static final ServerFault LOGIN_ONLY = new ServerFault("LOGIN_ONLY", Faults.of(new SmtpCommandVariant("LOGIN_ONLY",
            "AUTH PLAIN refused; LOGIN and CRAM-MD5 taken", "AUTH",
            original -> (session, argument) -> {
                if (argument.toUpperCase(Locale.ROOT).startsWith("PLAIN")) {
                    session.reply(SmtpStage.AUTH, SmtpReply.of(504, "5.5.4 Unrecognized authentication type"));
                } else {
                    original.execute(session, argument);
                }
            })), Optional.empty(), Optional.empty());

    @Test
    void theConfiguredMechanismLogsIn() {
        assertEquals(Outcome.PASS, noop(SmtpAuthMechanism.LOGIN).outcome());
    }

    @Test
    void aMechanismTheServerRefusesBlocksTheCheck() {
        CheckResult result = noop(SmtpAuthMechanism.PLAIN);
        assertEquals(Outcome.SKIP, result.outcome(), result.actual());
        assertTrue(result.actual().contains(CheckContext.BLOCKED) && result.actual().contains("504"), result.actual());
    }

    private static CheckResult noop(SmtpAuthMechanism mechanism) {
        try (FaultyTarget target = FaultyTarget.startTlsFirst(LOGIN_ONLY, mechanism)) {
            List<CheckResult> results = target.run(CheckSelection.ids("SMTP-NOOP"));
            assertEquals(1, results.size());
            return results.get(0);
        }
    }
}
