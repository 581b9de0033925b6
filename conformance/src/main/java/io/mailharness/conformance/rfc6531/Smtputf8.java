package io.mailharness.conformance.rfc6531;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.result.Level;

@Section(rfc = "6531", number = "3.4", title = "The SMTPUTF8 Parameter to the MAIL Command")
public class Smtputf8 {
    /*
     * §3.4: MAIL with the SMTPUTF8 parameter (which takes no value) allows UTF-8 in the envelope; without it a
     * non-ASCII forward-path is refused (553 5.6.7, §3.5).
     */
    @Check(id = "SMTP-UTF8-USE", level = Level.MUST, modes = Mode.ANTI_ABUSE,
            requirement = "MAIL from a UTF-8 address with SMTPUTF8 gets 250; SMTPUTF8=YES gets 501; a UTF-8 RCPT without it gets 553")
    void utf8Envelope(CheckContext check) {
        String sender = check.sender();
        Extensions.Session session = Extensions.offering(check, "SMTPUTF8");
        SmtpProbe smtp = session.smtp();
        Extensions.sendUtf8(smtp, "MAIL FROM:<j\u00fcrgen.m\u00fcller@" + check.domain() + "> SMTPUTF8").expectCode(250);
        smtp.quitQuietly();
        SmtpProbe fresh = Extensions.offering(check, "SMTPUTF8").smtp();
        fresh.send("MAIL FROM:<" + sender + "> SMTPUTF8=YES").expectCodeElseWarn(5, 501, 555);
        fresh.quitQuietly();

        SmtpProbe plain = check.smtpAfterEhlo();
        plain.mail(sender).expectCode(250);
        Extensions.sendUtf8(plain, "RCPT TO:<j\u00fcrgen@" + check.domain() + ">").expectCodeElseWarn(5, 553);
        plain.quitQuietly();
    }
}
