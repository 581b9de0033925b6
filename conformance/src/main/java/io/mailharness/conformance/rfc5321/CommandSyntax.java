package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "4.1.1", title = "Command Semantics and Syntax")
public class CommandSyntax {
    /* §2.4: "Verbs and argument values ... are not case sensitive". */
    @Check(id = "SMTP-CMD-CASE", level = Level.MUST, section = "2.4",
            requirement = "command verbs and the FROM:/TO: keywords are case-insensitive")
    void verbsIgnoreCase(CheckContext check) {
        SmtpProbe smtp = check.smtp();
        smtp.greeting().expectCode(220);
        smtp.send("ehlo " + SmtpProbe.CLIENT_DOMAIN).expectCode(250);
        smtp.send("mAiL fRoM:<sender@" + check.domain() + ">").expectCode(250);
        smtp.send("rcpt to:<" + check.account().address() + ">").expectCode(250, 251);
        smtp.send("rset").expectCode(250);
        smtp.send("nOoP").expectCode(250);
        smtp.send("QuIt").expectCode(221);
    }

    /*
     * §4.2.4: an unrecognised command gets 500; a command the server knows but does not implement gets 502.
     * App. F: TURN is obsolete. The session goes on afterwards.
     */
    @Check(id = "SMTP-CMD-UNKNOWN", level = Level.SHOULD, section = "4.2.4",
            requirement = "an unknown or empty command gets 500, a known-but-unimplemented one (TURN) 502, and the session goes on")
    void unknownCommands(CheckContext check) {
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.send("XYZZY").expectCodeElseWarn(5, 500);
            smtp.send("TURN").expectCodeElseWarn(5, 502);
            smtp.send("NOOP").expectCode(250);
            smtp.quitQuietly();
        }
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.send("").expectCodeElseWarn(5, 500);
        smtp.send("NOOP").expectCode(250);
        smtp.send("QUIT");
    }

    /* §4.1.1: "SMTP servers SHOULD tolerate trailing white space before the terminating <CRLF>." */
    @Check(id = "SMTP-CMD-TRAILWS", level = Level.SHOULD,
            requirement = "trailing white space before CRLF is tolerated (NOOP, RSET, QUIT)")
    void trailingWhiteSpace(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.sendRaw("NOOP \r\n").expectCode(250);
        smtp.sendRaw("RSET \r\n").expectCode(250);
        smtp.sendRaw("QUIT \r\n").expectCode(221);
    }

    /* §4.1.1.5 RSET, §4.1.1.4 DATA, §4.1.1.10 QUIT take no parameters: 501 syntax error (§4.3.2). */
    @Check(id = "SMTP-CMD-NOARGS", level = Level.SHOULD, section = "4.3.2",
            requirement = "RSET, DATA and QUIT with a parameter get 501 (QUIT x may also close with 221)")
    void parameterOnParameterlessCommand(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.send("RSET x").expectCode(501);
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.rcpt(check.account().address()).expectCode(250, 251);
        smtp.send("DATA x").expectCode(501);
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT x").expectCode(501, 221);
    }

    /*
     * §2.4: without an extension that allows it, a server "SHOULD reject" commands with octets above 127
     * (500); RFC 6531 §3.4: a non-ASCII mailbox without SMTPUTF8 is refused (553 5.6.7).
     */
    @Check(id = "SMTP-CMD-8BIT", level = Level.SHOULD, section = "2.4", modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
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
     * §4.1.2: control characters are not allowed in MAIL/RCPT arguments, and a path with characters outside
     * the grammar gets 501 (§4.1.1.2: "MUST reject ... 501").
     */
    @Check(id = "SMTP-CMD-CTRL", level = Level.MUST, section = "4.1.2", modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "control characters or bad characters in a path, or a NUL in a verb, get 501 (another 5yz warns)")
    void controlCharacters(CheckContext check) {
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.sendRaw("MAIL FROM:<a\u0001b@example.com>\r\n").expectCodeElseWarn(5, 501);
            smtp.quitQuietly();
        }
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.mail("sender@" + check.domain()).expectCode(250);
            smtp.send("RCPT TO:<u@exa_mple.com>").expectCodeElseWarn(5, 501);
            smtp.quitQuietly();
        }
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.sendRaw("NO\u0000OP\r\n").expectCodeElseWarn(5, 501, 500);
        smtp.send("QUIT");
    }

    /*
     * §2.3.8: lines end with CRLF; a server "MUST NOT recognize" a bare LF or CR as a line terminator, so
     * "NOOP<LF>NOOP<CRLF>" is one (malformed) line and gets one reply.
     */
    @Check(id = "SMTP-CMD-BARELF", level = Level.MUST, section = "2.3.8", modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "a bare LF or CR inside a command line never ends it: NOOP<LF>NOOP<CRLF> gets one reply, not two 250s")
    void bareLineEndsInCommands(CheckContext check) {
        for (String line : new String[] {"NOOP\nNOOP\r\n", "NOOP\rNOOP\r\n"}) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                SmtpWireReply first = smtp.sendRaw(line);
                if (first.replyClass() == 2) {
                    if (smtp.connection().awaitAnyOctets(check.silence()).isPresent()) {
                        throw check.fail(line, "one 5yz reply (the bare line end is not a line end)", "two replies: the bare line end split the command");
                    }
                    check.warn(line, "500/501 (malformed line)", first.describe() + " (one reply: the bare line end was taken as part of a NOOP parameter)");
                } else {
                    first.expectClass(5);
                }
                smtp.quitQuietly();
            }
        }
    }
}
