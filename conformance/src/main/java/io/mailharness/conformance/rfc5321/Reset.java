package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.reports.conformance.Level;

@Section(rfc = "5321", number = "4.1.1.5", title = "RESET (RSET)")
public class Reset {
    /*
     * §4.1.1.5: RSET aborts the current transaction; "The receiver MUST send a "250 OK" reply to a RSET
     * command with no arguments" and "MUST NOT close the connection as the result of receiving a RSET".
     */
    @Check(id = "SMTP-RSET", level = Level.MUST,
            requirement = "RSET gets 250 in every state, ends the transaction (RCPT then gets 503), and keeps the connection")
    void resetEverywhere(CheckContext check) {
        SmtpProbe smtp = check.smtp();
        smtp.greeting().expectCode(220);
        smtp.send("RSET").expectCode(250);
        smtp.ehlo().expectCode(250);
        smtp.send("RSET").expectCode(250);
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.rcpt(check.account().address()).expectCode(250, 251);
        smtp.send("RSET").expectCode(250);
        smtp.rcpt(check.account().address()).expectCode(503);
        smtp.send("DATA").expectClass(5);
        smtp.send("RSET").expectCode(250);
        smtp.send("RSET").expectCode(250);
        smtp.send("NOOP").expectCode(250);
        smtp.send("QUIT");
    }
}
