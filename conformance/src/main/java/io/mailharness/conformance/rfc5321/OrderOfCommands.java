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

import static io.mailharness.conformance.wire.MessageHeaders.headerField;

@Section(rfc = "5321", number = "4.1.4", title = "Order of Commands")
public class OrderOfCommands {
    /*
     * §4.1.1.1: EHLO and HELO need a domain; §4.1.4: after a 501 the server "MUST stay in the same state". A server
     * may refuse any second EHLO of a session with 503 (§4.1.4 resets only on an acceptable one): the bare EHLO
     * inside the transaction is then refused before its argument is looked at, which is still a refusal.
     */
    @Check(id = "SMTP-EHLO-NOARG", level = Level.MUST,
            requirement = "EHLO/HELO without a domain are refused (501), and a refused EHLO leaves the open transaction alone")
    void ehloWithoutArgument(CheckContext check) {
        try (SmtpProbe smtp = check.smtp()) {
            smtp.greeted();
            smtp.send("EHLO").expectCode(501, 500, 502, 550);
            smtp.send("HELO").expectCode(501, 500, 502, 550);
        }
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail(check.sender()).expectCode(250);
        SmtpWireReply again = smtp.send("EHLO");
        if (again.isComplete() && again.code() == 503) {
            check.observe("EHLO inside the transaction -> " + again.describe().strip() + ": a second EHLO is refused whatever its argument");
        } else {
            again.expectCode(501, 500, 502, 550);
        }
        smtp.rcpt(check.account().address()).expectCode(250, 251);
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }

    /*
     * §4.1.4: a later EHLO "acceptable to the SMTP server" works like RSET: the transaction is gone afterwards. A
     * server may refuse a second EHLO (503 and the like): then no reset is owed, and the row's rule could not be
     * exercised (WARN).
     */
    @Check(id = "SMTP-EHLO-RESET", level = Level.MUST,
            requirement = "a later EHLO, when accepted, resets the mail transaction: RCPT afterwards is refused, DATA gets 503 (EHLO refused: WARN)")
    void laterEhloResets(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.openTransaction(check.sender(), check.account().address());
        SmtpWireReply again = smtp.ehlo();
        if (again.isComplete() && (again.replyClass() == 5 || again.replyClass() == 4)) {
            check.warn(again.step(), "250: a later EHLO accepted, so that the reset can be seen", again.describe()
                    + " (refused: RFC 5321 §4.1.4 then owes no reset, and the reset rule is not exercised)");
            smtp.quitQuietly(); // whether the refused EHLO kept the transaction is SMTP-EHLO-NOARG's rule
            return;
        }
        again.expectCode(250);
        smtp.rcpt(check.account().address()).expectClass(5); // refused: the transaction is gone (503 exactly: SMTP-SEQ-RCPT-NOMAIL)
        smtp.send("DATA").expectCode(503);
        smtp.send("QUIT");
    }

    /*
     * §4.1.4: the server MAY check that the EHLO domain matches the client's address, but "MUST NOT refuse to
     * accept a message on this basis". example.com is a valid, resolvable name that never stands for the client.
     */
    @Check(id = "SMTP-EHLO-NOIPCHECK", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "a valid EHLO domain that does not match the client's address is no reason to refuse the message")
    void ehloNameMismatchAccepted(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "EHLO name mismatch", "body\r\n".getBytes(StandardCharsets.US_ASCII));
        SmtpProbe smtp = check.smtpGreeted();
        smtp.ehlo(MISMATCHED_NAME).expectCode(250);
        smtp.startData(check.sender(), account.address());
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        check.mailbox().await(account, message.id());
    }

    /* §4.1.1.1 (the client MUST greet first) and §4.1.4: a server may refuse MAIL before EHLO, or accept it. */
    @Check(id = "SMTP-SEQ-MAIL-NOHELO", level = Level.INFO,
            requirement = "record: MAIL before EHLO/HELO is refused with 503 (strict) or accepted (lenient)")
    void mailBeforeHello(CheckContext check) {
        SmtpProbe smtp = check.smtpGreeted();
        SmtpWireReply mail = smtp.mail(check.sender());
        check.observe("MAIL before EHLO -> " + mail.describe() + (mail.code() == 503 ? " (strict)" : mail.replyClass() == 2 ? " (lenient)" : ""));
        smtp.send("QUIT");
    }

    /* §4.1.4: NOOP, RSET, VRFY, HELP before EHLO "SHOULD" be processed normally (not 503). */
    @Check(id = "SMTP-SEQ-NONMAIL-NOHELO", level = Level.SHOULD,
            requirement = "NOOP, RSET, VRFY and HELP before EHLO are processed normally (not 503)")
    void nonMailCommandsBeforeHello(CheckContext check) {
        SmtpProbe smtp = check.smtpGreeted();
        smtp.send("NOOP").expectNotCode(503);
        smtp.send("RSET").expectNotCode(503);
        smtp.send("VRFY postmaster").expectNotCode(503);
        smtp.send("HELP").expectNotCode(503);
        smtp.send("QUIT");
    }

    /* §4.1.4: a MAIL inside a transaction is out of order: 503, and the open transaction is kept as it was. */
    @Check(id = "SMTP-SEQ-NESTED-MAIL", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "a second MAIL in a transaction gets 503 and the message goes out with the first reverse-path")
    void nestedMail(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "nested MAIL", "body\r\n".getBytes(StandardCharsets.US_ASCII));
        String first = "first-sender@" + check.domain();
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail(first).expectCode(250);
        smtp.mail("second-sender@" + check.domain()).expectCode(503);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.data();
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        String returnPath = headerField(check.mailbox().await(account, message.id()).octets(), "Return-Path");
        if (returnPath != null && !returnPath.toLowerCase(Locale.ROOT).contains("<" + first.toLowerCase(Locale.ROOT) + ">")) {
            throw check.fail("Return-Path of the delivered message", "<" + first + ">", returnPath);
        }
    }

    /*
     * §4.1.4: after a 501 or 503 the server "MUST stay in the same state"; §4.1.1.4: the buffers are cleared
     * once the data is accepted, so a RCPT afterwards is out of order (refused; 503 exactly is SMTP-SEQ-RCPT-NOMAIL's
     * rule). A bad path may also get 553
     * ("mailbox syntax incorrect", §4.2.2); another 5yz refusal is off the list (WARN); either way the state
     * rule is then tested.
     */
    @Check(id = "SMTP-SEQ-STATE-KEPT", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "syntax errors (501 or 553; other 5yz: WARN) leave the transaction as it was; after the message is accepted RCPT is refused")
    void stateKeptAfterErrors(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "state kept", "body\r\n".getBytes(StandardCharsets.US_ASCII));
        try (SmtpProbe smtp = check.smtpAfterEhlo()) { // two errors per connection at most
            smtp.send("MAIL FROM:").expectCodeElseWarn(5, 501, 553);
            smtp.openTransaction(check.sender(), account.address());
            smtp.send("RCPT TO:<bad").expectCodeElseWarn(5, 501, 553);
            smtp.data();
            smtp.content(message.content()).expectCode(250);
            smtp.quitQuietly();
        }
        check.mailbox().await(account, message.id());
        TestMessage second = check.mailbox().message(account, "state cleared", "body\r\n".getBytes(StandardCharsets.US_ASCII));
        SmtpProbe smtp = check.smtpInData(account);
        smtp.contentOneReply(second.content()).expectCode(250);
        // §4.1.1.4: the buffers are cleared after the end of data; a refusal shows it (503 exactly is SMTP-SEQ-RCPT-NOMAIL's rule)
        smtp.rcpt(account.address()).expectClass(5);
        smtp.send("QUIT");
    }

    /** A valid domain that resolves, but never to the address the harness connects from. */
    static final String MISMATCHED_NAME = "example.com";
}
