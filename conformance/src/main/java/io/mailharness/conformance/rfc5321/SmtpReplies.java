package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpReplyFormat;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;

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

    /*
     * §3.8: a server closes the connection only after QUIT (221), when it has to shut down (421, "service not
     * available, closing transmission channel") or after a timeout; an error reply such as 500 "MUST NOT" end the
     * session by itself. One error per connection, so that anti-abuse error budgets play no part.
     */
    @Check(id = "SMTP-INV-CLOSE", level = Level.MUST, section = "3.8",
            requirement = "an ordinary error reply (500, 501, 503) leaves the connection open; the server closes only after 221 or 421")
    void noCloseAfterErrors(CheckContext check) {
        for (String command : new String[] {"XYZZY", "MAIL FROM:<bad", "RCPT TO:<" + check.account().address() + ">"}) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                SmtpWireReply error = smtp.send(command);
                if (error.code() == 421) {
                    smtp.quitQuietly();
                    continue; // refused and closing, announced by 421: allowed
                }
                if (!error.isComplete()) throw check.fail(command, "one complete reply, the connection left open", error.describe());
                SmtpWireReply noop = smtp.send("NOOP");
                if (noop.closed() || smtp.isClosedByPeer()) {
                    throw check.fail("NOOP after '" + command + "' -> " + error.code(),
                            "the connection still open (a close only after 221 or 421)", "the server closed it after a " + error.code() + " reply");
                }
                noop.expectCode(250);
                smtp.send("QUIT").expectCode(221);
            }
        }
    }
}
