package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpSyntax;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "4.1.1.1", title = "Extended HELLO (EHLO) or HELLO (HELO)")
public class ExtendedHello {
    /*
     * §4.1.1.1 ehlo-ok-rsp: "250 Domain" or "250-Domain" then "250-ehlo-line"... "250 ehlo-line";
     * ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"); HELO gets a single-line 250
     * ("MUST NOT return the extended EHLO-style response to a HELO command"). Each form on a fresh connection.
     */
    @Check(id = "SMTP-EHLO-OK", level = Level.MUST,
            requirement = "EHLO (domain or address literal) gets 250 naming the server, with well-formed keywords; HELO a one-line 250")
    void ehloAndHelo(CheckContext check) {
        // each form opens its own session: a server may refuse a second EHLO or HELO (§4.1.4), which is not this row's rule
        for (String ehlo : new String[] {"EHLO " + SmtpProbe.CLIENT_DOMAIN, "EHLO [192.0.2.1]", "EHLO [IPv6:2001:db8::1]"}) {
            try (SmtpProbe smtp = check.smtpGreeted()) {
                judgeEhloReply(check, smtp.send(ehlo));
                smtp.quitQuietly();
            }
        }
        SmtpProbe smtp = check.smtpGreeted();
        smtp.send("HELO " + SmtpProbe.CLIENT_DOMAIN).expectCode(250).expectSingleLine();
        smtp.send("QUIT");
    }

    private static void judgeEhloReply(CheckContext check, SmtpWireReply reply) {
        reply.expectCode(250);
        String name = SmtpSyntax.firstToken(reply.lines().get(0));
        if (!SmtpSyntax.isDomain(name) && !SmtpSyntax.isAddressLiteral(name)) {
            throw check.fail(reply.step(), "first line '250[- ]<Domain or address-literal>'", reply.lines().get(0).visible());
        }
        for (WireLine line : reply.lines().subList(1, reply.lines().size())) {
            String text = line.text();
            String[] words = (text.length() > 4 ? text.substring(4) : "").split(" ", -1);
            if (!text.startsWith("250") || !SmtpSyntax.isEhloKeyword(words[0])) {
                throw check.fail(reply.step(), "'250[- ]keyword [params]' with keyword = [A-Za-z0-9][A-Za-z0-9-]*", line.visible());
            }
            for (int i = 1; i < words.length; i++) {
                if (!SmtpSyntax.isEhloParam(words[i])) {
                    throw check.fail(reply.step(), "EHLO parameters of printable characters without SP", line.visible());
                }
            }
        }
    }
}
