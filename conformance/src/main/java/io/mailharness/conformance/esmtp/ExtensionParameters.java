package io.mailharness.conformance.esmtp;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "4.1.1.11", title = "Mail-Parameter and Rcpt-Parameter Error Responses")
public class ExtensionParameters {
    /*
     * §4.1.1.11: a MAIL or RCPT parameter the server does not recognise gets 555; §4.1.1.2: parameters belong to
     * service extensions, so after HELO (no extensions negotiated) any parameter is unrecognised.
     */
    @Check(id = "SMTP-PARAM-UNKNOWN", level = Level.MUST, modes = Mode.ANTI_ABUSE,
            requirement = "an unknown MAIL or RCPT parameter, or SIZE= after HELO, gets 555 (501 or another 5yz: WARN)")
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
        helo.send("MAIL FROM:<" + sender + "> SIZE=10").expectCodeElseWarn(5, 555);
        helo.quitQuietly();
    }
}
