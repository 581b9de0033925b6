package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "4.2", title = "SMTP Replies")
public class SmtpReplies {
    /* §4.2: "Every command MUST generate exactly one reply." Extra lines would answer the next command. */
    @Check(id = "SMTP-INV-ONE", level = Level.MUST,
            requirement = "every command gets exactly one reply, and nothing arrives unasked")
    void oneReplyPerCommand(CheckContext check) {
        SmtpProbe smtp = check.smtp();
        smtp.greeting().expectClass(2);
        smtp.expectSilence("after the greeting", check.silence());
        for (String command : new String[] {"EHLO " + SmtpProbe.CLIENT_DOMAIN, "NOOP", "RSET", "XYZZY"}) {
            SmtpWireReply reply = smtp.send(command);
            if (!reply.isComplete()) throw check.fail(command, "one complete reply", reply.describe());
            smtp.expectSilence("after the reply to " + command, check.silence());
        }
        smtp.quitQuietly(); // after XYZZY a close is SMTP-INV-CLOSE's business
    }
}
