package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.reports.conformance.Level;

import java.util.UUID;

@Section(rfc = "5321", number = "4.1.2", title = "Addresses and recipients")
public class Addresses {
    /*
     * §4.5.1: every server "MUST" accept mail for the reserved mailbox postmaster; §2.4, §4.1.1.3: "Postmaster"
     * without a domain, in any case, names the local postmaster.
     */
    @Check(id = "SMTP-ADDR-POSTMASTER", level = Level.MUST, section = "4.5.1",
            requirement = "RCPT TO:<Postmaster>, <POSTMASTER@domain> and <postmaster@domain> are accepted (250/251)")
    void postmasterAccepted(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.send("RCPT TO:<Postmaster>").expectCode(250, 251);
        smtp.rcpt("POSTMASTER@" + check.domain()).expectCode(250, 251);
        smtp.rcpt("postmaster@" + check.domain()).expectCode(250, 251);
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }

    /* §3.3: a recipient the server knows does not exist "SHOULD" be refused at RCPT with 550 (not accepted and bounced). */
    @Check(id = "SMTP-ADDR-UNKNOWN", level = Level.SHOULD, section = "3.3",
            requirement = "RCPT to a local user that does not exist gets 550 (5.1.1), not 250 and a later bounce")
    void unknownLocalUserRefused(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        SmtpWireReply reply = smtp.rcpt("no-such-user-" + UUID.randomUUID().toString().substring(0, 8) + "@" + check.domain());
        reply.expectCodeElseWarn(5, 550);
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }

    /* §3.6.2, §7.9: a server that does not relay for this client "SHOULD" refuse a foreign recipient with 550. */
    @Check(id = "SMTP-ADDR-RELAY", level = Level.SHOULD, section = "3.6.2",
            requirement = "an unauthenticated RCPT to a foreign domain gets 550 (5.7.1); another 5yz warns")
    void noOpenRelay(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.rcpt("someone@foreign.example").expectCodeElseWarn(5, 550);
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }
}
