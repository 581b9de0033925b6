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

@Section(rfc = "5321", number = "4.1.2", title = "Command Argument Syntax")
public class CommandArgumentSyntax {
    /*
     * §4.1.2: control characters are not allowed in MAIL/RCPT arguments, and a path with characters outside
     * the grammar gets 501 (§4.1.1.2: "MUST reject ... 501").
     */
    @Check(id = "SMTP-CMD-CTRL", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "control characters or bad characters in a path, or a NUL in a verb, get 501 (another 5yz warns)")
    void controlCharacters(CheckContext check) {
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.sendRaw("MAIL FROM:<a\u0001b@example.com>\r\n").expectCodeElseWarn(5, 501);
            smtp.quitQuietly();
        }
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.mail(check.sender()).expectCode(250);
            smtp.send("RCPT TO:<u@exa_mple.com>").expectCodeElseWarn(5, 501);
            smtp.quitQuietly();
        }
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.sendRaw("NO\u0000OP\r\n").expectCodeElseWarn(5, 501, 500);
        smtp.send("QUIT");
    }

    /*
     * §4.1.2: Reverse-path = Path / "<>"; §3.6.3, §6.1: the null reverse-path is how notifications are sent, and
     * must be accepted. §4.4: the Return-Path added on final delivery then reads "<>".
     */
    @Check(id = "SMTP-ADDR-NULLRP", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "MAIL FROM:<> (the null reverse-path) is accepted and the message is delivered with Return-Path: <>")
    void nullReversePath(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "null reverse-path", ascii("body\r\n"));
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.send("MAIL FROM:<>").expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.data();
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        String returnPath = headerField(check.mailbox().await(account, message.id()).octets(), "Return-Path");
        if (returnPath == null || !returnPath.replace(" ", "").equals("<>")) { // §4.4: final delivery adds it
            throw check.fail("Return-Path of the delivered message", "Return-Path: <>", returnPath == null ? "no Return-Path field" : returnPath);
        }
    }

    /*
     * §4.1.2: a source route (A-d-l) "MUST BE accepted" and "SHOULD be ignored"; a Quoted-string local part and
     * address literals (§4.1.3) are valid syntax. Refusing them as syntax errors (500/501) breaks the rule; an
     * unknown-user or policy refusal (550) does not. An impossible IPv4 literal is a syntax error (501/553).
     */
    @Check(id = "SMTP-ADDR-SYNTAX", level = Level.MUST,
            requirement = "source routes, quoted local parts and address literals are not refused as syntax errors; [300.1.1.1] is (501/553)")
    void pathSyntax(CheckContext check) {
        String domain = check.domain();
        String[] valid = {
                "@relay.example,@b.example:" + check.account().address(),
                "\"a b\"@" + domain,
                "\"john..doe\"@" + domain,
                "u@[192.0.2.1]",
                "u@[IPv6:2001:db8::1]"};
        for (String path : valid) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                smtp.mail("sender@" + domain).expectCode(250);
                smtp.rcpt(path).expectNotCode(500, 501);
                smtp.quitQuietly();
            }
        }
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + domain).expectCode(250);
        smtp.rcpt("u@[300.1.1.1]").expectCodeElseWarn(5, 501, 553);
        smtp.send("QUIT");
    }
}
