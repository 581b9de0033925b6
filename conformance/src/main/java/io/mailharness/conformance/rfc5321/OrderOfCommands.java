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

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import static io.mailharness.conformance.wire.MessageHeaders.headerField;

@Section(rfc = "5321", number = "4.1.4", title = "Order of Commands")
public class OrderOfCommands {
    /* §3.3: "If a RCPT command appears without a previous MAIL command, the server MUST return a 503". */
    @Check(id = "SMTP-SEQ-RCPT-NOMAIL", level = Level.MUST, section = "3.3",
            requirement = "RCPT without a preceding MAIL gets exactly 503")
    void rcptWithoutMail(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.rcpt(check.account().address()).expectCode(503);
        smtp.send("QUIT");
    }

    /* §3.3: DATA with no transaction or no accepted recipient gets 503 (RFC 2920 §3.2 also allows 554); never 354. */
    @Check(id = "SMTP-SEQ-DATA-NORCPT", level = Level.MUST, section = "3.3",
            requirement = "DATA without MAIL, without RCPT, or after only refused RCPTs gets 503 or 554, never 354")
    void dataWithoutRecipient(CheckContext check) {
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.send("DATA").expectCode(503, 554);
            smtp.quitQuietly();
        }
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.mail("sender@" + check.domain()).expectCode(250);
            smtp.send("DATA").expectCode(503, 554);
            smtp.quitQuietly();
        }
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        SmtpWireReply refused = smtp.rcpt("no-such-user-" + UUID.randomUUID().toString().substring(0, 8) + "@" + check.domain());
        if (refused.replyClass() == 2) {
            check.observe("third case not run: the server accepts unknown local recipients (" + refused.describe() + "), so no refused RCPT can be made");
            smtp.quitQuietly();
            return;
        }
        smtp.send("DATA").expectCode(503, 554);
        smtp.send("QUIT");
    }

    /* §4.1.1.1 (the client MUST greet first) and §4.1.4: a server may refuse MAIL before EHLO, or accept it. */
    @Check(id = "SMTP-SEQ-MAIL-NOHELO", level = Level.INFO, section = "4.1.4",
            requirement = "record: MAIL before EHLO/HELO is refused with 503 (strict) or accepted (lenient)")
    void mailBeforeHello(CheckContext check) {
        SmtpProbe smtp = check.smtp();
        smtp.greeting().expectCode(220);
        SmtpWireReply mail = smtp.mail("sender@" + check.domain());
        check.observe("MAIL before EHLO -> " + mail.describe() + (mail.code() == 503 ? " (strict)" : mail.replyClass() == 2 ? " (lenient)" : ""));
        smtp.send("QUIT");
    }

    /* §4.1.4: NOOP, RSET, VRFY, HELP before EHLO "SHOULD" be processed normally (not 503). */
    @Check(id = "SMTP-SEQ-NONMAIL-NOHELO", level = Level.SHOULD, section = "4.1.4",
            requirement = "NOOP, RSET, VRFY and HELP before EHLO are processed normally (not 503)")
    void nonMailCommandsBeforeHello(CheckContext check) {
        SmtpProbe smtp = check.smtp();
        smtp.greeting().expectCode(220);
        smtp.send("NOOP").expectNotCode(503);
        smtp.send("RSET").expectNotCode(503);
        smtp.send("VRFY postmaster").expectNotCode(503);
        smtp.send("HELP").expectNotCode(503);
        smtp.send("QUIT");
    }

    /* §3.3: "spaces are not permitted on either side of the colon"; §4.1.2 Path needs the angle brackets. */
    @Check(id = "SMTP-SEQ-LENIENT", level = Level.INFO, section = "3.3",
            requirement = "record: MAIL FROM with a space around the colon or without angle brackets is refused (strict) or accepted")
    void lenientPaths(CheckContext check) {
        String sender = "sender@" + check.domain();
        for (String argument : new String[] {"FROM: <" + sender + ">", "FROM :<" + sender + ">", "FROM:" + sender}) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                SmtpWireReply reply = smtp.send("MAIL " + argument);
                check.observe("MAIL " + argument + " -> " + reply.describe()
                        + (reply.replyClass() == 5 ? " (strict)" : reply.replyClass() == 2 ? " (lenient)" : ""));
                smtp.quitQuietly();
            }
        }
    }

    /* §4.1.4: a MAIL inside a transaction is out of order: 503, and the open transaction is kept as it was. */
    @Check(id = "SMTP-SEQ-NESTED-MAIL", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "a second MAIL in a transaction gets 503 and the message goes out with the first reverse-path")
    void nestedMail(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "nested MAIL", "body\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().remember(account, message.id());
        String first = "first-sender@" + check.domain();
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail(first).expectCode(250);
        smtp.mail("second-sender@" + check.domain()).expectCode(503);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.send("DATA").expectCode(354);
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        String returnPath = headerField(check.mailbox().await(account, message.id()).octets(), "Return-Path");
        if (returnPath != null && !returnPath.toLowerCase(Locale.ROOT).contains("<" + first.toLowerCase(Locale.ROOT) + ">")) {
            throw check.fail("Return-Path of the delivered message", "<" + first + ">", returnPath);
        }
    }

    /*
     * §4.1.4: after a 501 or 503 the server "MUST stay in the same state"; §4.1.1.4: the buffers are cleared
     * once the data is accepted, so a RCPT afterwards is out of order (503).
     */
    @Check(id = "SMTP-SEQ-STATE-KEPT", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "syntax errors (501) leave the transaction as it was; after the message is accepted RCPT gets 503")
    void stateKeptAfterErrors(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "state kept", "body\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().remember(account, message.id());
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.send("MAIL FROM:").expectCode(501);
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.send("RCPT TO:<bad").expectCode(501);
        smtp.send("DATA").expectCode(354);
        smtp.content(message.content()).expectCode(250);
        smtp.rcpt(account.address()).expectCode(503);
        smtp.send("QUIT");
        check.mailbox().await(account, message.id());
    }
}
