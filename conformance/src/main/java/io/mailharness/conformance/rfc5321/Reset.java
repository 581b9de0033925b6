package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Sasl;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;
import io.mailharness.settings.SmtpAuthMechanism;
import io.mailharness.settings.SmtpSettings;

@Section(rfc = "5321", number = "4.1.1.5", title = "RESET (RSET)")
public class Reset {
    /*
     * §4.1.1.5: RSET aborts the current transaction; "The receiver MUST send a "250 OK" reply to a RSET
     * command with no arguments" and "MUST NOT close the connection as the result of receiving a RSET".
     */
    @Check(id = "SMTP-RSET", level = Level.MUST,
            requirement = "RSET gets 250 in every state, ends the transaction (RCPT then refused), and keeps the connection")
    void resetEverywhere(CheckContext check) {
        SmtpProbe smtp = check.smtpGreeted();
        smtp.send("RSET").expectCode(250);
        smtp.ehlo().expectCode(250);
        smtp.send("RSET").expectCode(250);
        smtp.openTransaction(check.sender(), check.account().address());
        smtp.send("RSET").expectCode(250);
        // a refusal shows the transaction ended; that it be 503 exactly is SMTP-SEQ-RCPT-NOMAIL's rule
        smtp.rcpt(check.account().address()).expectClass(5);
        smtp.send("DATA").expectClass(5);
        smtp.send("RSET").expectCode(250);
        smtp.send("RSET").expectCode(250);
        smtp.expectSessionGoesOn("afterwards");
        smtp.send("QUIT");
    }

    /*
     * §4.1.1.5: RSET aborts the mail transaction only ("any stored sender, recipients, and mail data MUST be
     * discarded"); the EHLO and a completed AUTH are session state and stay. RFC 4954 §4: once authenticated, a
     * further AUTH gets 503, which shows whether the login survived.
     */
    @Check(id = "SMTP-RSET-SESSION", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.NEEDS_SETTING},
            requirement = "RSET clears only the mail transaction: the EHLO and a completed AUTH survive it")
    void resetKeepsSession(CheckContext check) {
        SmtpAuthMechanism mechanism = check.target().smtp().flatMap(SmtpSettings::auth).orElse(null);
        if (mechanism == null) check.skip("needs smtp.auth (the AUTH mechanism) in the target settings");
        SmtpProbe smtp = SmtpLogin.offeringAuth(check).smtp();
        check.preamble(() -> Sasl.authenticate(smtp, mechanism, check.account()).expectCode(235)); // logging in is SMTP-AUTH-OK's rule
        SmtpWireReply before = Sasl.authenticateAgain(smtp, mechanism);
        smtp.mail(check.sender()).expectCode(250);
        smtp.send("RSET").expectCode(250);
        smtp.mail(check.sender()).expectCode(250); // 503 here: RSET forgot the EHLO
        smtp.send("RSET").expectCode(250);
        SmtpWireReply after = Sasl.authenticateAgain(smtp, mechanism);
        if (before.code() == 503 && after.code() != 503) {
            throw check.fail("AUTH after RSET", "503 as before the RSET (the login kept)", after.describe() + " (RSET forgot the login)");
        }
        smtp.send("QUIT");
    }
}
