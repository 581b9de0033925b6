package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;

import java.util.UUID;

@Section(rfc = "5321", number = "3.5.3", title = "Meaning of VRFY or EXPN Success Response")
public class VerifyOrExpandSuccess {
    /*
     * §3.5.1–3.5.3: VRFY answers 250/251 with the mailbox, 252 when it cannot verify, 550/551/553 when it
     * knows the address is bad; a 250 is only for a verified address. §7.3: a server that disables VRFY
     * "MUST return a 252". VRFY with no argument is a syntax error (501).
     */
    @Check(id = "SMTP-VRFY", level = Level.MUST,
            requirement = "VRFY answers 250/251 with a mailbox, 252, or 550/551/553; never 250 for an unknown user; no argument gets 501 (another 5yz warns)")
    void verify(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        SmtpWireReply postmaster = smtp.send("VRFY postmaster").expectCodeElseWarn(5, 250, 251, 252, 550, 551, 553);
        if ((postmaster.code() == 250 || postmaster.code() == 251) && !postmaster.text().matches(".*<[^>]*@[^>]*>.*")) {
            check.warn(postmaster.step(), "250/251 with the mailbox as <local@domain>", postmaster.describe());
        }
        String stranger = "no-such-user-" + UUID.randomUUID().toString().substring(0, 8);
        SmtpWireReply unknown = smtp.send("VRFY " + stranger).expectCodeElseWarn(5, 252, 550, 551, 553);
        if (unknown.replyClass() == 2 && unknown.code() != 252) {
            throw check.fail(unknown.step(), "252, 550, 551 or 553 (never 250/251 for an address that does not exist)", unknown.describe());
        }
        smtp.send("VRFY").expectCodeElseWarn(5, 501); // 501 is the syntax error it is; no MUST names it (§4.3.2 lists 502 and 504 too)
        smtp.send("QUIT");
    }
}
