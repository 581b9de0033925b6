package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.util.UUID;

import static io.mailharness.conformance.wire.Octets.ascii;

@Section(rfc = "5321", number = "3.3", title = "Mail Transactions")
public class MailTransactions {
    /* §3.3: "If a RCPT command appears without a previous MAIL command, the server MUST return a 503". */
    @Check(id = "SMTP-SEQ-RCPT-NOMAIL", level = Level.MUST,
            requirement = "RCPT without a preceding MAIL gets exactly 503")
    void rcptWithoutMail(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.rcpt(check.account().address()).expectCode(503);
        smtp.send("QUIT");
    }

    /* §3.3: DATA with no transaction or no accepted recipient gets 503 (RFC 2920 §3.2 also allows 554); never 354. */
    @Check(id = "SMTP-SEQ-DATA-NORCPT", level = Level.MUST,
            requirement = "DATA without MAIL, without RCPT, or after only refused RCPTs gets 503 or 554, never 354")
    void dataWithoutRecipient(CheckContext check) {
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.send("DATA").expectCode(503, 554);
            smtp.quitQuietly();
        }
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.mail(check.sender()).expectCode(250);
            smtp.send("DATA").expectCode(503, 554);
            smtp.quitQuietly();
        }
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail(check.sender()).expectCode(250);
        SmtpWireReply refused = smtp.rcpt("no-such-user-" + UUID.randomUUID().toString().substring(0, 8) + "@" + check.domain());
        if (refused.replyClass() == 2) {
            check.observe("third case not run: the server accepts unknown local recipients (" + refused.describe() + "), so no refused RCPT can be made");
            smtp.quitQuietly();
            return;
        }
        smtp.send("DATA").expectCode(503, 554);
        smtp.send("QUIT");
    }

    /* §3.3: "spaces are not permitted on either side of the colon"; §4.1.2 Path needs the angle brackets. */
    @Check(id = "SMTP-SEQ-LENIENT", level = Level.INFO,
            requirement = "record: MAIL FROM with a space around the colon or without angle brackets is refused (strict) or accepted")
    void lenientPaths(CheckContext check) {
        String sender = check.sender();
        for (String argument : new String[] {"FROM: <" + sender + ">", "FROM :<" + sender + ">", "FROM:" + sender}) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                SmtpWireReply reply = smtp.send("MAIL " + argument);
                check.observe("MAIL " + argument + " -> " + reply.describe()
                        + (reply.replyClass() == 5 ? " (strict)" : reply.replyClass() == 2 ? " (lenient)" : ""));
                smtp.quitQuietly();
            }
        }
    }

    /* §3.3: a recipient the server knows does not exist "SHOULD" be refused at RCPT with 550 (not accepted and bounced). */
    @Check(id = "SMTP-ADDR-UNKNOWN", level = Level.SHOULD,
            requirement = "RCPT to a local user that does not exist gets 550 (5.1.1), not 250 and a later bounce")
    void unknownLocalUserRefused(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail(check.sender()).expectCode(250);
        SmtpWireReply reply = smtp.rcpt("no-such-user-" + UUID.randomUUID().toString().substring(0, 8) + "@" + check.domain());
        reply.expectCodeElseWarn(5, 550);
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }

    /* §3.3: the server "MUST NOT reject messages in which the numbers of Resent-header fields do not match". */
    @Check(id = "SMTP-DATA-NOHDRREJ", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "a message with two Resent- blocks, one of them a Resent-To without Resent-From, is accepted (250)")
    void unmatchedResentFieldsAccepted(CheckContext check) {
        Account account = check.disposableAccount();
        String domain = check.domain();
        String id = Mailbox.newId();
        String content = "Resent-Date: Tue, 2 Jan 2024 10:00:00 +0000\r\n"
                + "Resent-From: <forwarder@" + domain + ">\r\n"
                + "Resent-To: <" + account.address() + ">\r\n"
                + "Resent-Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n"
                + "Resent-To: <someone-else@" + domain + ">\r\n"
                + "From: <conformance@" + domain + ">\r\n"
                + "To: <" + account.address() + ">\r\n"
                + "Subject: unmatched Resent- fields\r\n"
                + "Message-ID: <" + id + "@mailharness>\r\n"
                + TestMessage.ID_HEADER + ": " + id + "\r\n\r\nbody\r\n";
        TestMessage message = new TestMessage(id, ascii(content));
        check.mailbox().remember(account, id);
        SmtpProbe smtp = check.smtpInData(account);
        smtp.content(message.content()).expectCode(250); // the acceptance is this row's rule
        smtp.quitQuietly();
        check.mailbox().await(account, id);
    }
}
