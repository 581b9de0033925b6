package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpReplyFormat;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "4.2.1", title = "Reply Code Severities and Theory")
public class ReplyCodeSeverities {
    /*
     * §4.2: a reply is a three-digit code followed by text; a multi-line reply repeats the code with "-"
     * after it on every line but the last. §2.3.8: lines end with CRLF. §4.5.3.1.5: 512 octets per line.
     */
    @Check(id = "SMTP-INV-FORMAT", level = Level.MUST,
            requirement = "every reply: a 3-digit code (2-5, 0-5, digit), '-' on all lines but the last, one code throughout, CRLF ends")
    void replyShape(CheckContext check) {
        SmtpProbe smtp = check.smtp();
        SmtpReplyFormat.judge(smtp.greeting(), check);
        SmtpReplyFormat.judge(smtp.ehlo(), check);
        SmtpReplyFormat.judge(smtp.send("NOOP"), check);
        SmtpReplyFormat.judge(smtp.send("HELP"), check);
        SmtpReplyFormat.judge(smtp.mail(check.sender()), check);
        SmtpReplyFormat.judge(smtp.send("RSET"), check);
        SmtpReplyFormat.judge(smtp.send("QUIT"), check);
        SmtpProbe unknown = check.smtpAfterEhlo(); // an error reply last, alone: some servers close after one (SMTP-INV-CLOSE)
        SmtpReplyFormat.judge(unknown.send("XYZZY"), check);
        unknown.quitQuietly();
    }
}
