package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.protocol.EhloKeywords;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "4.5.3.1.4", title = "Command Line")
public class CommandLine {
    /*
     * §4.5.3.1.4: a command line of 512 octets including CRLF must be accepted; §4.3.2: "too long" below that
     * violates it. The line is HELP with a topic, a command that takes an argument (NOOP's parameter is for the
     * NOOP row), and gets the reply HELP with a short topic gets.
     */
    @Check(id = "SMTP-LIM-CMD512", level = Level.MUST,
            requirement = "a 512-octet command line (HELP with a padded topic, CRLF included) gets the reply a short one gets")
    void commandLineOf512Octets(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        int shortLine = smtp.send("HELP x").code();
        String line = "HELP " + "x".repeat(512 - "HELP ".length() - 2);
        smtp.sendRaw(line + "\r\n").expectCode(shortLine);
        smtp.send("QUIT");
    }

    /*
     * RFC 4954 §5: AUTH=<mailbox> (xtext) or AUTH=<> on MAIL; §4.5.3.1.4 of RFC 5321 lets each extension add to
     * the 512-octet limit, AUTH by 500 octets and SIZE by 26 (RFC 1870 §4). A MAIL line past 512 octets within
     * those increments "MUST" be taken. Parameters are sent only for extensions the server lists.
     */
    @Check(id = "SMTP-LIM-MAILEXT", level = Level.MUST, modes = Mode.READ_ONLY,
            requirement = "MAIL with AUTH=<>, and a MAIL line over 512 octets made long by SIZE, BODY and AUTH= parameters, get 250")
    void mailLineGrowsWithExtensions(CheckContext check) {
        Extensions.Session session = SmtpLogin.offeringAuth(check); // no MAIL parameter but AUTH= takes a line past 512 octets
        EhloKeywords capabilities = Extensions.keywords(session.ehlo());
        session.smtp().send("MAIL FROM:<sender@" + check.domain() + "> AUTH=<>").expectCode(250);
        session.smtp().quitQuietly();
        SmtpProbe smtp = SmtpLogin.offeringAuth(check).smtp(); // a fresh session: RSET is the RSET rows' business
        String submitter = "+3D".repeat(64) + "@" + SizeLimitsAndMinimums.longDomain(255, check.domain()); // 64 '=' as xtext
        String line = "MAIL FROM:<" + "m".repeat(64) + "@" + check.domain() + ">"
                + (capabilities.has("SIZE") ? " SIZE=1000" : "")
                + (capabilities.has("8BITMIME") ? " BODY=8BITMIME" : "")
                + " AUTH=" + submitter;
        SmtpWireReply reply = smtp.send(line);
        // 501/553/555 refuse the 64-octet local part or a parameter (SMTP-ADDR-LEN's, SMTP-8BIT-USE's rules), not the length
        if (reply.isComplete() && (reply.code() == 501 || reply.code() == 553 || reply.code() == 555)) check.preamble(() -> reply.expectCode(250));
        reply.expectCode(250);
        smtp.quitQuietly();
    }
}
