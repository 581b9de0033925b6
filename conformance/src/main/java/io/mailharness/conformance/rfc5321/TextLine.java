package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.protocol.EhloKeywords;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import static io.mailharness.conformance.wire.Octets.ascii;

@Section(rfc = "5321", number = "4.5.3.1.6", title = "Text Line")
public class TextLine {
    /*
     * §4.5.3.1.6: a text line of 1000 octets with CRLF "MUST" be accepted, also when it starts with "." and goes
     * out stuffed (999 octets + CRLF on the wire); §4.5.3.1.7: a 64 KiB message too. Stored as sent.
     */
    @Check(id = "SMTP-DATA-MINSIZES", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "998-octet lines (one starting with '.', 999 octets stuffed) and a 64 KiB message are accepted and stored intact")
    void minimumSizes(CheckContext check) {
        Account account = check.disposableAccount();
        SmtpProbe smtp = check.smtpGreeted();
        EhloKeywords capabilities = Extensions.keywords(smtp.ehlo().expectCode(250));
        boolean fullSize = capabilities.sizeLimit().orElse(Long.MAX_VALUE) >= 70_000;
        StringBuilder body = new StringBuilder("a".repeat(998)).append("\r\n").append(".").append("b".repeat(997)).append("\r\n");
        while (fullSize && body.length() < 64 * 1024) body.append("filler line to reach 64 KiB ").append("c".repeat(48)).append("\r\n");
        TestMessage message = check.mailbox().message(account, "minimum sizes", ascii(body.toString()));
        smtp.startData(check.sender(), account.address());
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        check.mailbox().await(account, message.id()).expectBodyHolds(message.content());
    }

    /*
     * §4.5.3.1.6, .9: a server MAY refuse a line over 1000 octets (500 "Line too long", 552, 554, after the end of
     * data); §4.5.3.1 asks for no limits where possible, so taking it and storing it unchanged passes too. What
     * it must not do is change the octets.
     */
    @Check(id = "SMTP-DATA-LONGLINE", level = Level.MAY, modes = Mode.MUTATES_MAILBOX,
            requirement = "a 5000-octet line is refused after the end of data (500/552/554) or stored unchanged, never altered")
    void longLine(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "long line", ascii("y".repeat(5000) + "\r\nshort line\r\n"));
        SmtpProbe smtp = check.smtpInData(account);
        SmtpWireReply end = smtp.content(message.content());
        if (end.isComplete() && end.replyClass() == 5) {
            end.expectCodeElseWarn(5, 500, 552, 554);
            smtp.quitQuietly();
            return;
        }
        end.expectCode(250);
        smtp.send("QUIT");
        check.mailbox().await(account, message.id()).expectBodyHolds(message.content());
    }
}
