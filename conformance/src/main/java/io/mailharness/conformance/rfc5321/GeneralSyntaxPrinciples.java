package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import static io.mailharness.conformance.wire.MessageHeaders.headerField;
import static io.mailharness.conformance.wire.Octets.ascii;

@Section(rfc = "5321", number = "2.4", title = "General Syntax Principles and Transaction Model")
public class GeneralSyntaxPrinciples {
    /* §2.4: "Verbs and argument values ... are not case sensitive". */
    @Check(id = "SMTP-CMD-CASE", level = Level.MUST,
            requirement = "command verbs and the FROM:/TO: keywords are case-insensitive")
    void verbsIgnoreCase(CheckContext check) {
        SmtpProbe smtp = check.smtpGreeted();
        smtp.send("ehlo " + SmtpProbe.CLIENT_DOMAIN).expectCode(250);
        smtp.send("mAiL fRoM:<sender@" + check.domain() + ">").expectCode(250);
        smtp.send("rcpt to:<" + check.account().address() + ">").expectCode(250, 251);
        smtp.send("rset").expectCode(250);
        int noop = smtp.sendOneReply("NOOP").code(); // what NOOP gets is the NOOP row's business: the same, in any case
        smtp.send("nOoP").expectCode(noop);
        int quit = check.smtpAfterEhlo().send("QUIT").code(); // what QUIT gets is SMTP-QUIT's business: the same, in any case
        smtp.send("QuIt").expectCode(quit);
    }

    /*
     * §2.4: without an extension that allows it, a server "SHOULD reject" commands with octets above 127
     * (500); RFC 6531 §3.4: a non-ASCII mailbox without SMTPUTF8 is refused (553 5.6.7).
     */
    @Check(id = "SMTP-CMD-8BIT", level = Level.SHOULD, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "octets above 127 in a command, or a non-ASCII mailbox without SMTPUTF8, get a 5yz reply")
    void eightBitCommands(CheckContext check) {
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.sendRaw("\u0080FAIL\r\n").expectClass(5);
            smtp.quitQuietly();
        }
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.sendRaw("MAIL FROM:<\u00c3\u00bc@example.com>\r\n").expectClass(5);
        smtp.send("QUIT");
    }

    /*
     * §2.4: the local part "MUST BE treated as case sensitive", so a server passes it on as it came; the
     * Return-Path added on delivery (§4.4) shows whether the reverse-path kept its case.
     */
    @Check(id = "SMTP-ADDR-CASE", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "the case of a reverse-path's local part is kept: MAIL FROM:<MiXed...> arrives as Return-Path <MiXed...>")
    void localPartCaseKept(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "local part case", ascii("body\r\n"));
        String sender = "MiXed.CaSe-Sender@" + check.domain();
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.startData(sender, account.address());
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        String returnPath = headerField(check.mailbox().await(account, message.id()).octets(), "Return-Path");
        if (returnPath == null) check.skip("the delivered message has no Return-Path, so the stored reverse-path cannot be seen (see SMTP-DATA-TRACE)");
        if (!returnPath.contains("MiXed.CaSe-Sender@")) {
            throw check.fail("Return-Path of the delivered message", "<" + sender + "> (local part in its case)", returnPath);
        }
    }
}
