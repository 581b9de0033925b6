package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "4.3.2", title = "Command-Reply Sequences")
public class CommandReplySequences {
    /* §4.1.1.5 RSET, §4.1.1.4 DATA, §4.1.1.10 QUIT take no parameters: 501 syntax error (§4.3.2). */
    @Check(id = "SMTP-CMD-NOARGS", level = Level.SHOULD,
            requirement = "RSET, DATA and QUIT with a parameter get 501 (QUIT x may also close with 221)")
    void parameterOnParameterlessCommand(CheckContext check) {
        try (SmtpProbe smtp = check.smtpAfterEhlo()) { // two errors per connection at most
            smtp.send("RSET x").expectCode(501);
            smtp.openTransaction(check.sender(), check.account().address());
            smtp.send("DATA x").expectCode(501);
            smtp.send("RSET").expectCode(250);
            smtp.quitQuietly();
        }
        check.smtpAfterEhlo().send("QUIT x").expectCode(501, 221);
    }
}
