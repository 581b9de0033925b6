package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.util.List;

@Section(rfc = "5321", number = "4.5.3.1.8", title = "Recipients Buffer")
public class RecipientsBuffer {
    /*
     * §4.5.3.1.8: "The minimum total number of recipients that MUST be buffered is 100". Valid local recipients
     * (the accounts of the settings, repeated; postmaster is SMTP-ADDR-POSTMASTER's row) are given one after the
     * other; the transaction is then reset.
     */
    @Check(id = "SMTP-ADDR-RCPT100", level = Level.MUST,
            requirement = "100 RCPTs to valid local recipients in one transaction are all accepted (250/251)")
    void hundredRecipients(CheckContext check) {
        List<String> recipients = check.target().accounts().stream().map(Account::address).toList();
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail(check.sender()).expectCode(250);
        for (int i = 0; i < 100; i++) {
            SmtpWireReply reply = smtp.rcpt(recipients.get(i % recipients.size()));
            reply.blockedByTlsRequired(250, 251);
            if (!reply.isComplete() || (reply.code() != 250 && reply.code() != 251)) {
                throw check.fail("RCPT number " + (i + 1), "250 or 251 for each of 100 recipients", reply.describe());
            }
        }
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }
}
