package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import static io.mailharness.conformance.wire.Octets.ascii;

@Section(rfc = "5321", number = "4.5.3.1.10", title = "Too Many Recipients Code")
public class TooManyRecipientsCode {
    /*
     * §4.5.3.1.10: a recipient past the server's limit gets 452 (or a 5yz by policy) and the earlier recipients
     * stay in the transaction, so DATA goes ahead (§4.5.3.1.8). The limit is found by trying, up to a bound.
     */
    @Check(id = "SMTP-ADDR-RCPTOVER", level = Level.MUST, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "the RCPT past the server's recipient limit gets 452 (or a 5yz), the earlier ones are kept and DATA goes ahead")
    void recipientsPastTheLimit(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "recipients past the limit", ascii("body\r\n"));
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail(check.sender()).expectCode(250);
        SmtpWireReply refusal = null;
        int accepted = 0;
        while (refusal == null && accepted < MAX_RECIPIENTS_TRIED) {
            SmtpWireReply reply = smtp.rcpt(account.address());
            if (reply.isComplete() && reply.replyClass() == 2) accepted++;
            else refusal = reply;
        }
        if (refusal == null) {
            smtp.send("RSET");
            smtp.send("QUIT");
            check.skip("no recipient limit reached within " + MAX_RECIPIENTS_TRIED + " RCPTs");
        }
        // §4.5.3.1.10 names 452 "the correct reply code" without a MUST: another 4yz is the same transient refusal (WARN)
        // (421 is not one: it closes the session, and the check cannot go on to DATA)
        boolean otherTransientCode = refusal.isComplete() && refusal.replyClass() == 4 && refusal.code() != 452 && refusal.code() != 421;
        if (!refusal.isComplete() || (refusal.code() != 452 && refusal.replyClass() != 5 && !otherTransientCode)) {
            throw check.fail(refusal.step() + " (number " + (accepted + 1) + ")", "452 (too many recipients) or a 5yz", refusal.describe());
        }
        if (accepted == 0) refusal.blockedByTlsRequired(250, 251);
        if (accepted == 0) throw check.fail("first RCPT", "accepted (250/251)", refusal.describe());
        smtp.data();
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        check.mailbox().await(account, message.id());
        if (otherTransientCode) {
            check.warn(refusal.step() + " (number " + (accepted + 1) + ")", "452 (too many recipients; §4.5.3.1.10: the correct code) or a 5yz",
                    refusal.describe());
        }
    }

    /** How many RCPTs the limit search sends at most: one past Postfix's default limit (smtpd_recipient_limit = 1000). */
    static final int MAX_RECIPIENTS_TRIED = 1_001;
}
