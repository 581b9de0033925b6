package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpReplyFormat;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.reports.conformance.Level;

@Section(rfc = "5321", number = "4.2", title = "SMTP Replies")
public class SmtpReplies {
    /*
     * §4.2: a reply is a three-digit code followed by text; a multi-line reply repeats the code with "-"
     * after it on every line but the last. §2.3.8: lines end with CRLF. §4.5.3.1.5: 512 octets per line.
     */
    @Check(id = "SMTP-INV-FORMAT", level = Level.MUST, section = "4.2.1",
            requirement = "every reply: a 3-digit code (2-5, 0-5, digit), '-' on all lines but the last, one code throughout, CRLF ends")
    void replyShape(CheckContext check) {
        SmtpProbe smtp = check.smtp();
        SmtpReplyFormat.judge(smtp.greeting(), check);
        SmtpReplyFormat.judge(smtp.ehlo(), check);
        SmtpReplyFormat.judge(smtp.send("NOOP"), check);
        SmtpReplyFormat.judge(smtp.send("HELP"), check);
        SmtpReplyFormat.judge(smtp.mail("sender@" + check.domain()), check);
        SmtpReplyFormat.judge(smtp.send("RSET"), check);
        SmtpReplyFormat.judge(smtp.send("XYZZY"), check);
        SmtpReplyFormat.judge(smtp.send("QUIT"), check);
    }

    /* §4.2: "Every command MUST generate exactly one reply." Extra lines would answer the next command. */
    @Check(id = "SMTP-INV-ONE", level = Level.MUST, section = "4.2",
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
        smtp.send("QUIT").expectCode(221);
    }
}
