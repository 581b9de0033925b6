package io.mailharness.conformance.rfc2034;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

@Section(rfc = "2034", number = "4", title = "Format of Enhanced Status Codes")
public class EnhancedStatusCodes {
    private static final Pattern STATUS = Pattern.compile("([245])\\.[0-9]{1,3}\\.[0-9]{1,3}( .*)?");

    /*
     * §3 (4), §4: once ENHANCEDSTATUSCODES is announced, every 2xx, 4xx and 5xx reply (except the greeting and the
     * HELO/EHLO replies; 3xx are exempt) starts its text with "class.subject.detail SP", class = first code digit.
     */
    @Check(id = "SMTP-ESC", level = Level.MUST, modes = Mode.ANTI_ABUSE,
            requirement = "with ENHANCEDSTATUSCODES, every 2yz/4yz/5yz reply after EHLO starts 'c.s.d ' with c the code's first digit")
    void everyReplyCarriesACode(CheckContext check) {
        Extensions.Session session = Extensions.offering(check, "ENHANCEDSTATUSCODES");
        SmtpProbe smtp = session.smtp();
        List<SmtpWireReply> replies = new ArrayList<>();
        replies.add(smtp.send("NOOP"));
        replies.add(smtp.mail(check.sender()));
        replies.add(smtp.rcpt(check.account().address()));
        replies.add(smtp.rcpt("no-such-user-" + UUID.randomUUID().toString().substring(0, 8) + "@" + check.domain()));
        replies.add(smtp.send("RSET"));
        replies.add(smtp.send("VRFY postmaster"));
        replies.add(smtp.send("QUIT"));
        SmtpProbe unknown = Extensions.offering(check, "ENHANCEDSTATUSCODES").smtp(); // an error last, alone (SMTP-INV-CLOSE)
        replies.add(unknown.send("XYZZY"));
        unknown.quitQuietly();
        for (SmtpWireReply reply : replies) {
            if (!reply.isComplete() || reply.replyClass() == 3) continue;
            String text = reply.lines().get(0).text();
            String rest = text.length() > 4 ? text.substring(4) : "";
            var matcher = STATUS.matcher(rest);
            if (!matcher.matches() || !matcher.group(1).equals(String.valueOf(reply.replyClass()))) {
                throw check.fail(reply.step(), "text starting '" + reply.replyClass() + ".s.d ' (an enhanced status code of the same class)", reply.describe());
            }
        }
    }
}
