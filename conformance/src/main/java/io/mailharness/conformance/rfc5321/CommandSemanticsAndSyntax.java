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
        smtp.sendRaw("NOOP \r\n").expectCode(250);
        smtp.sendRaw("RSET \r\n").expectCode(250);
        smtp.sendRaw("QUIT \r\n").expectCode(221);
    }
}
