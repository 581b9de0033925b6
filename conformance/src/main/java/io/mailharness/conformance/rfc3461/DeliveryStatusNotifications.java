package io.mailharness.conformance.rfc3461;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.result.Level;

@Section(rfc = "3461", number = "4", title = "Additional parameters for RCPT and MAIL commands")
public class DeliveryStatusNotifications {
    /*
     * §4.1-§4.4: with DSN announced, MAIL takes RET=FULL|HDRS and ENVID=xtext, RCPT takes NOTIFY (NEVER alone,
     * or SUCCESS/FAILURE/DELAY) and ORCPT=addr-type;xtext; a malformed value is a syntax error (501).
     */
    @Check(id = "SMTP-DSN", level = Level.MUST, modes = Mode.ANTI_ABUSE,
            requirement = "with DSN, RET/ENVID and NOTIFY/ORCPT are accepted (250); NOTIFY=NEVER,SUCCESS and RET=FOO get 501")
    void dsnParameters(CheckContext check) {
        String sender = check.sender();
        String recipient = check.account().address();
        Extensions.Session session = Extensions.offering(check, "DSN");
        SmtpProbe smtp = session.smtp();
        smtp.send("MAIL FROM:<" + sender + "> RET=HDRS ENVID=mailharness-dsn-1").expectCode(250);
        smtp.send("RCPT TO:<" + recipient + "> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;" + recipient).expectCode(250, 251);
        smtp.send("RCPT TO:<" + recipient + "> NOTIFY=NEVER,SUCCESS").expectCodeElseWarn(5, 501);
        smtp.quitQuietly();

        SmtpProbe second = check.smtpAfterEhlo();
        second.send("MAIL FROM:<" + sender + "> RET=FOO").expectCodeElseWarn(5, 501);
        second.quitQuietly();
    }
}
