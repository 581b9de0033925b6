package io.mailharness.conformance.rfc5321;

import io.mailharness.protocol.EhloKeywords;
import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

@Section(rfc = "5321", number = "4.5.3.1", title = "Size Limits and Minimums")
public class Limits {
    /* §4.5.3.1.4: a command line of 512 octets including CRLF must be accepted; §4.3.2: "too long" below that violates it. */
    @Check(id = "SMTP-LIM-CMD512", level = Level.MUST, section = "4.5.3.1.4",
            requirement = "a 512-octet command line (NOOP padded, CRLF included) gets 250")
    void commandLineOf512Octets(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        String line = "NOOP " + "x".repeat(512 - "NOOP ".length() - 2);
        smtp.sendRaw(line + "\r\n").expectCode(250);
        smtp.send("QUIT");
    }

    /*
     * §4.5.3.1.9: a server may refuse an over-long command line ("500 Line too long") or take it; either way it
     * reads the whole line and stays in step, so the next command gets its own reply. 421 and a close is a
     * permitted way out (§3.8). One line per connection.
     */
    @Check(id = "SMTP-LIM-CMDOVER", level = Level.MAY, section = "4.5.3.1.9", modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "a 2 KB, 64 KB or 1 MB command line gets one reply (500, or taken) and the next NOOP gets 250")
    void overLongCommandLines(CheckContext check) {
        for (int size : new int[] {2 * 1024, 64 * 1024, 1024 * 1024}) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                SmtpWireReply reply = smtp.sendRaw("NOOP " + "x".repeat(size - 7) + "\r\n");
                if (reply.code() == 421) {
                    smtp.quitQuietly();
                    continue;
                }
                if (!reply.isComplete() || (reply.replyClass() != 5 && reply.replyClass() != 2)) {
                    throw check.fail("a " + size + "-octet command line", "one reply: 500 (line too long) or 250", reply.describe());
                }
                smtp.send("NOOP").expectCode(250);
                smtp.quitQuietly();
            }
        }
    }

    /*
     * RFC 4954 §5: AUTH=<mailbox> (xtext) or AUTH=<> on MAIL; §4.5.3.1.4 of RFC 5321 lets each extension add to
     * the 512-octet limit, AUTH by 500 octets and SIZE by 26 (RFC 1870 §4). A MAIL line past 512 octets within
     * those increments "MUST" be taken. Parameters are sent only for extensions the server lists.
     */
    @Check(id = "SMTP-LIM-MAILEXT", level = Level.MUST, section = "4.5.3.1.4", modes = Mode.READ_ONLY,
            requirement = "MAIL with AUTH=<>, and a MAIL line over 512 octets made long by SIZE, BODY and AUTH= parameters, get 250")
    void mailLineGrowsWithExtensions(CheckContext check) {
        Extensions.Session session = SmtpLogin.offeringAuth(check); // no MAIL parameter but AUTH= takes a line past 512 octets
        SmtpProbe smtp = session.smtp();
        EhloKeywords capabilities = Extensions.keywords(session.ehlo());
        smtp.send("MAIL FROM:<sender@" + check.domain() + "> AUTH=<>").expectCode(250);
        smtp.send("RSET").expectCode(250);
        String submitter = "+3D".repeat(64) + "@" + Addresses.longDomain(255, check.domain()); // 64 '=' as xtext
        String line = "MAIL FROM:<" + "m".repeat(64) + "@" + check.domain() + ">"
                + (capabilities.has("SIZE") ? " SIZE=1000" : "")
                + (capabilities.has("8BITMIME") ? " BODY=8BITMIME" : "")
                + " AUTH=" + submitter;
        smtp.send(line).expectCode(250);
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }

    /*
     * §4.5.3.1.9 and RFC 1870 §6: a message over the declared limit (EHLO SIZE n), sent without a SIZE parameter,
     * is read to the end and refused once with 552 ("Too much mail data"), nothing stored; no reply comes before
     * the end of data (§4.1.1.4).
     */
    @Check(id = "SMTP-LIM-TOOBIG", level = Level.MUST, section = "4.5.3.1.9", modes = Mode.MUTATES_MAILBOX,
            requirement = "a message over the declared SIZE limit gets one 552 after the end of data, and nothing is stored")
    void messageTooBig(CheckContext check) {
        Account account = check.disposableAccount();
        SmtpProbe smtp = check.smtp();
        smtp.greeting().expectCode(220);
        EhloKeywords capabilities = Extensions.keywords(smtp.ehlo().expectCode(250));
        long limit = capabilities.sizeLimit().orElse(-1);
        if (limit < 0) check.skip("the server declares no size limit (EHLO SIZE n)");
        if (limit > MAX_OVERSIZE) check.skip("the declared limit of " + limit + " octets is more than this check sends (" + MAX_OVERSIZE + ")");
        byte[] line = ("z".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) limit + 4096);
        while (body.size() <= limit + 1024) body.writeBytes(line);
        TestMessage message = check.mailbox().message(account, "too big", body.toByteArray());
        check.mailbox().remember(account, message.id());
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.send("DATA").expectCode(354);
        smtp.write(message.content());
        smtp.expectSilence("message data over the limit sent, end of data not yet", check.silence());
        smtp.sendRaw(".\r\n").expectCodeElseWarn(5, 552);
        smtp.expectSilence("after the reply to the end of data", check.silence());
        smtp.send("QUIT");
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        if (check.mailbox().find(pop3, message.id()).isPresent()) {
            throw check.fail("look for the refused message", "not stored", "it is in the maildrop of " + account.address());
        }
        pop3.send("QUIT");
    }

    /** The largest declared limit the over-size check goes past. */
    static final long MAX_OVERSIZE = 32L * 1024 * 1024;
}
