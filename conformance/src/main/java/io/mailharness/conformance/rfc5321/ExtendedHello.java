package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpSyntax;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

@Section(rfc = "5321", number = "4.1.1.1", title = "Extended HELLO (EHLO) or HELLO (HELO)")
public class ExtendedHello {
    /*
     * §4.1.1.1 ehlo-ok-rsp: "250 Domain" or "250-Domain" then "250-ehlo-line"... "250 ehlo-line";
     * ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"); HELO gets a single-line 250
     * ("MUST NOT return the extended EHLO-style response to a HELO command").
     */
    @Check(id = "SMTP-EHLO-OK", level = Level.MUST,
            requirement = "EHLO (domain or address literal) gets 250 naming the server, with well-formed keywords; HELO a one-line 250")
    void ehloAndHelo(CheckContext check) {
        SmtpProbe smtp = check.smtp();
        smtp.greeting().expectCode(220);
        judgeEhloReply(check, smtp.ehlo());
        judgeEhloReply(check, smtp.send("EHLO [192.0.2.1]"));
        judgeEhloReply(check, smtp.send("EHLO [IPv6:2001:db8::1]"));
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

    /* §4.1.1.1: EHLO and HELO need a domain; §4.1.4: after a 501 the server "MUST stay in the same state". */
    @Check(id = "SMTP-EHLO-NOARG", level = Level.MUST, section = "4.1.4",
            requirement = "EHLO/HELO without a domain are refused (501), and a refused EHLO leaves the open transaction alone")
    void ehloWithoutArgument(CheckContext check) {
        try (SmtpProbe smtp = check.smtp()) {
            smtp.greeting().expectCode(220);
            smtp.send("EHLO").expectCode(501, 500, 502, 550);
            smtp.send("HELO").expectCode(501, 500, 502, 550);
        }
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.send("EHLO").expectCode(501, 500, 502, 550);
        smtp.rcpt(check.account().address()).expectCode(250, 251);
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }

    /* §4.1.4: a second EHLO works like RSET: the transaction is gone afterwards. */
    @Check(id = "SMTP-EHLO-RESET", level = Level.MUST, section = "4.1.4",
            requirement = "a later EHLO resets the mail transaction: RCPT and DATA afterwards get 503")
    void laterEhloResets(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.rcpt(check.account().address()).expectCode(250, 251);
        smtp.ehlo().expectCode(250);
        smtp.rcpt(check.account().address()).expectCode(503);
        smtp.send("DATA").expectCode(503);
        smtp.send("QUIT");
    }

    /*
     * §4.2.4: a server "MUST NOT" list a capability in the EHLO reply and then answer its command with 500 or
     * 502. §3.5.2: EXPN, if supported, "MUST" be listed. Each probe is a minimal, valid, harmless use on its own
     * connection (STARTTLS is not followed by a handshake, AUTH is cancelled with "*"; a 501/503 reply is fine,
     * only "unknown"/"not implemented" counts).
     */
    @Check(id = "SMTP-EHLO-CAPS", level = Level.MUST, section = "4.2.4",
            requirement = "every listed verb (STARTTLS, AUTH, EXPN, HELP, ETRN, CHUNKING, VRFY) is not answered 500/502; a working EXPN is listed")
    void advertisedVerbsExist(CheckContext check) {
        Map<String, String> keywords = new LinkedHashMap<>();
        try (SmtpProbe smtp = check.smtp()) {
            smtp.greeting().expectCode(220);
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
                if (expn.code() == 250 || expn.code() == 252 || expn.code() == 550) {
                    throw check.fail("EXPN postmaster (EXPN not in the EHLO reply)", "500/502, or EXPN listed in the EHLO reply", expn.describe());
                }
                smtp.quitQuietly();
            }
        }
    }

    /*
     * §4.1.4: the server MAY check that the EHLO domain matches the client's address, but "MUST NOT refuse to
     * accept a message on this basis". example.com is a valid, resolvable name that never stands for the client.
     */
    @Check(id = "SMTP-EHLO-NOIPCHECK", level = Level.MUST, section = "4.1.4", modes = Mode.MUTATES_MAILBOX,
            requirement = "a valid EHLO domain that does not match the client's address is no reason to refuse the message")
    void ehloNameMismatchAccepted(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "EHLO name mismatch", "body\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().remember(account, message.id());
        SmtpProbe smtp = check.smtp();
        smtp.greeting().expectCode(220);
        smtp.send("EHLO " + MISMATCHED_NAME).expectCode(250);
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.send("DATA").expectCode(354);
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        check.mailbox().await(account, message.id());
    }

    /** A valid domain that resolves, but never to the address the harness connects from. */
    static final String MISMATCHED_NAME = "example.com";
}
