package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "3.6.2", title = "Mail eXchange Records and Relaying")
public class MailExchangeAndRelaying {
    /* §3.6.2, §7.9: a server that does not relay for this client "SHOULD" refuse a foreign recipient with 550. */
    @Check(id = "SMTP-ADDR-RELAY", level = Level.SHOULD,
            requirement = "an unauthenticated RCPT to a foreign domain gets 550 (5.7.1); another 5yz warns")
    void noOpenRelay(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail(check.sender()).expectCode(250);
        smtp.rcpt("someone@foreign.example").expectCodeElseWarn(5, 550);
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }
}
