package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "4.5.1", title = "Minimum Implementation")
public class MinimumImplementation {
    /*
     * §4.5.1: every server "MUST" accept mail for the reserved mailbox postmaster; §2.4, §4.1.1.3: "Postmaster"
     * without a domain, in any case, names the local postmaster.
     */
    @Check(id = "SMTP-ADDR-POSTMASTER", level = Level.MUST,
            requirement = "RCPT TO:<Postmaster>, <POSTMASTER@domain> and <postmaster@domain> are accepted (250/251)")
    void postmasterAccepted(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail(check.sender()).expectCode(250);
        smtp.send("RCPT TO:<Postmaster>").expectCode(250, 251);
        smtp.rcpt("POSTMASTER@" + check.domain()).expectCode(250, 251);
        smtp.rcpt("postmaster@" + check.domain()).expectCode(250, 251);
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }
}
