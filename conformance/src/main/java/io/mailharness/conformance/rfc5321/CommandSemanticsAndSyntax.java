package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "4.1.1", title = "Command Semantics and Syntax")
public class CommandSemanticsAndSyntax {
    /* §4.1.1: "SMTP servers SHOULD tolerate trailing white space before the terminating <CRLF>." */
    @Check(id = "SMTP-CMD-TRAILWS", level = Level.SHOULD,
            requirement = "trailing white space before CRLF is tolerated (NOOP, RSET, QUIT)")
    void trailingWhiteSpace(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        for (String command : new String[] {"NOOP", "RSET"}) { // tolerated: the same reply as without the space
            int plain = smtp.sendOneReply(command).code();
            smtp.sendRaw(command + " \r\n").expectCode(plain);
        }
        int quit = check.smtpAfterEhlo().send("QUIT").code();
        smtp.sendRaw("QUIT \r\n").expectCode(quit);
    }
}
