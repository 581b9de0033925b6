package io.mailharness.conformance.esmtp;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "4.1.1.11", title = "Mail-Parameter and Rcpt-Parameter Error Responses")
public class ExtensionParameters {
    /*
     * §4.1.1.11: a MAIL or RCPT parameter the server does not recognise gets 555. §4.1.1.2 ties parameters to
     * service extensions, but "no parameters after HELO" binds the client: a server that recognises SIZE and
     * takes it after HELO breaks no rule, so that case is only recorded.
     */
    @Check(id = "SMTP-PARAM-UNKNOWN", level = Level.MUST, modes = Mode.ANTI_ABUSE,
            requirement = "an unknown MAIL or RCPT parameter gets 555 (501 or another 5yz: WARN); SIZE= after HELO is recorded")
    void unknownParameters(CheckContext check) {
        String sender = check.sender();
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.send("MAIL FROM:<" + sender + "> FOO=BAR").expectCodeElseWarn(5, 555);
        smtp.mail(sender).expectCode(250);
        smtp.send("RCPT TO:<" + check.account().address() + "> FOO").expectCodeElseWarn(5, 555);
        smtp.quitQuietly();

        SmtpProbe helo = check.smtp();
        helo.greeted();
        helo.send("HELO " + SmtpProbe.CLIENT_DOMAIN).expectCode(250);
        SmtpWireReply size = helo.send("MAIL FROM:<" + sender + "> SIZE=10");
        check.observe("SIZE=10 after HELO -> " + size.describe().strip() + " (no rule for the server: RFC 5321 §4.1.1.2 binds the client)");
        helo.quitQuietly();
    }
}
