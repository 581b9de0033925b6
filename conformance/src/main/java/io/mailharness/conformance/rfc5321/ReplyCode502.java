package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.result.Level;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

@Section(rfc = "5321", number = "4.2.4", title = "Reply Code 502")
public class ReplyCode502 {
    /*
     * §4.2.4: a server "MUST NOT" list a capability in the EHLO reply and then answer its command with 500 or
     * 502. §3.5.2: EXPN, if supported, "MUST" be listed; an unlisted EXPN that expands (250) breaks that, while 252
     * "disabled" (§7.3) or a policy 550 shows no supported EXPN. Each probe is a minimal, valid, harmless use on its own
     * connection (STARTTLS is not followed by a handshake, AUTH is cancelled with "*"; a 501/503 reply is fine,
     * only "unknown"/"not implemented" counts).
     */
    @Check(id = "SMTP-EHLO-CAPS", level = Level.MUST,
            requirement = "every listed verb (STARTTLS, AUTH, EXPN, HELP, ETRN, CHUNKING, VRFY) is not answered 500/502; an EXPN that expands (250) is listed")
    void advertisedVerbsExist(CheckContext check) {
        Map<String, String> keywords = new LinkedHashMap<>();
        try (SmtpProbe smtp = check.smtp()) {
            smtp.greeted();
            SmtpWireReply ehlo = smtp.ehlo().expectCode(250);
            for (WireLine line : ehlo.lines().subList(1, ehlo.lines().size())) {
                String text = line.text().length() > 4 ? line.text().substring(4) : "";
                int space = text.indexOf(' ');
                keywords.put((space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT), space < 0 ? "" : text.substring(space + 1));
            }
            smtp.quitQuietly();
        }
        String mechanism = keywords.getOrDefault("AUTH", "").split(" ")[0];
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("STARTTLS", "STARTTLS");
        probes.put("AUTH", "AUTH " + mechanism);
        probes.put("EXPN", "EXPN postmaster");
        probes.put("HELP", "HELP");
        probes.put("ETRN", "ETRN " + check.domain());
        probes.put("CHUNKING", "BDAT 0 LAST");
        probes.put("VRFY", "VRFY postmaster");
        for (Map.Entry<String, String> probe : probes.entrySet()) {
            if (!keywords.containsKey(probe.getKey())) continue;
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                SmtpWireReply reply = smtp.send(probe.getValue()).expectNotCode(500, 502);
                if (reply.code() == 334) smtp.send("*"); // cancel the SASL exchange (RFC 4954 §4)
                if (reply.code() != 220) smtp.quitQuietly(); // after 220 to STARTTLS only a handshake may follow: just close
            }
        }
        if (!keywords.containsKey("EXPN")) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                SmtpWireReply expn = smtp.send("EXPN postmaster");
                // only an expansion shows a working EXPN: 252 "disabled" (§7.3) and a 550 policy refusal do not
                if (expn.code() == 250) {
                    throw check.fail("EXPN postmaster (EXPN not in the EHLO reply)", "no expansion (500/502/252/550), or EXPN listed in the EHLO reply", expn.describe());
                }
                if (expn.isComplete() && expn.code() != 500 && expn.code() != 502) {
                    check.observe("EXPN (not listed) -> " + expn.describe().strip() + ": refused or disabled, not supported");
                }
                smtp.quitQuietly();
            }
        }
    }

    /*
     * §4.2.4: an unrecognised command gets 500; a command the server knows but does not implement gets 502.
     * App. F: TURN is obsolete. The session goes on afterwards.
     */
    @Check(id = "SMTP-CMD-UNKNOWN", level = Level.SHOULD,
            requirement = "an unknown or empty command gets 500, TURN (obsolete) 500 or 502, and the session goes on")
    void unknownCommands(CheckContext check) {
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.send("XYZZY").expectCodeElseWarn(5, 500);
            smtp.send("TURN").expectCodeElseWarn(5, 500, 502); // §4.2.4: 502 if TURN is known, 500 if it is not
            smtp.expectSessionGoesOn("afterwards");
            smtp.quitQuietly();
        }
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.send("").expectCodeElseWarn(5, 500);
        smtp.expectSessionGoesOn("afterwards");
        smtp.send("QUIT");
    }
}
