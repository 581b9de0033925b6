package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.protocol.EhloKeywords;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

@Section(rfc = "5321", number = "4.5.3.1.9", title = "Treatment When Limits Exceeded")
public class TreatmentWhenLimitsExceeded {
    /*
     * §4.5.3.1.9: a server may refuse an over-long command line ("500 Line too long") or take it; either way it
     * reads the whole line and stays in step, so the next command gets its own reply. 421 and a close is a
     * permitted way out (§3.8). One line per connection.
     */
    @Check(id = "SMTP-LIM-CMDOVER", level = Level.MAY, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "a 2 KB, 64 KB or 1 MB command line gets one reply (500, or taken) and the session goes on")
    void overLongCommandLines(CheckContext check) {
        for (int size : new int[] {2 * 1024, 64 * 1024, 1024 * 1024}) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                SmtpWireReply reply = smtp.sendRawAnsweredEarly("NOOP " + "x".repeat(size - 7) + "\r\n");
                if (reply.code() == 421) {
                    smtp.quitQuietly();
                    continue;
                }
                if (!reply.isComplete() || (reply.replyClass() != 5 && reply.replyClass() != 2)) {
                    throw check.fail("a " + size + "-octet command line", "one reply: 500 (line too long) or 250", reply.describe());
                }
                smtp.expectSilence("after the reply to a " + size + "-octet command line (one reply)", check.silence());
                smtp.expectSessionGoesOn("afterwards");
                smtp.quitQuietly();
            }
        }
    }

    /*
     * §4.5.3.1.9 and RFC 1870 §6: a message over the declared limit (EHLO SIZE n), sent without a SIZE parameter,
     * is read to the end and refused once with 552 ("Too much mail data"), nothing stored; no reply comes before
     * the end of data (§4.1.1.4).
     */
    @Check(id = "SMTP-LIM-TOOBIG", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "a message over the declared SIZE limit gets one 552 after the end of data, and nothing is stored")
    void messageTooBig(CheckContext check) {
        Account account = check.disposableAccount();
        SmtpProbe smtp = check.smtpGreeted();
        EhloKeywords capabilities = Extensions.keywords(smtp.ehlo().expectCode(250));
        long limit = capabilities.sizeLimit().orElse(-1);
        if (limit < 0) check.skip("the server declares no size limit (EHLO SIZE n)");
        if (limit > MAX_OVERSIZE) check.skip("the declared limit of " + limit + " octets is more than this check sends (" + MAX_OVERSIZE + ")");
        byte[] line = ("z".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) limit + 4096);
        while (body.size() <= limit + 1024) body.writeBytes(line);
        TestMessage message = check.mailbox().message(account, "too big", body.toByteArray());
        smtp.startData(check.sender(), account.address());
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
