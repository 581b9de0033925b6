package io.mailharness.conformance.rfc3207;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;

import java.util.Locale;

@Section(rfc = "3207", number = "4", title = "The STARTTLS Command")
public class StartTls {
    /*
     * §4: STARTTLS is offered in the EHLO reply and answered 220 before the handshake (454 when TLS is
     * temporarily unavailable). §4.2: after the handshake the server MUST NOT list STARTTLS again.
     */
    @Check(id = "SMTP-TLS-GO", level = Level.MUST, modes = Mode.NEEDS_TLS,
            requirement = "STARTTLS is listed, answered 220 and followed by a handshake; the EHLO reply inside TLS no longer lists it")
    void startTls(CheckContext check) {
        SmtpProbe smtp = Extensions.startTlsOffered(check);
        SmtpWireReply go = smtp.send("STARTTLS");
        if (go.code() == 454) check.skip("STARTTLS answered 454 (TLS temporarily unavailable): " + go.describe());
        go.expectCode(220);
        Extensions.handshake(check, smtp);
        SmtpWireReply inside = smtp.ehlo().expectCode(250);
        if (Extensions.advertises(inside, "STARTTLS")) {
            throw check.fail("EHLO inside TLS", "a keyword list without STARTTLS", inside.describe());
        }
        smtp.send("QUIT");
    }

    /*
     * §4: STARTTLS takes no parameter ("501 Syntax error (no parameters allowed)"). Inside TLS it must not start a
     * second handshake; RFC 3207 names no code for that refusal, so any 5yz conforms, and 454 (RFC 3207's "TLS not
     * available", a 4yz) refuses it too but invites a retry: WARN.
     */
    @Check(id = "SMTP-TLS-MISUSE", level = Level.MUST, modes = {Mode.NEEDS_TLS, Mode.ANTI_ABUSE},
            requirement = "'STARTTLS now' gets 501 (other 5yz: WARN); STARTTLS inside TLS gets a 5yz (454: WARN)")
    void misuse(CheckContext check) {
        SmtpProbe smtp = Extensions.startTlsOffered(check);
        smtp.send("STARTTLS now").expectCodeElseWarn(5, 501);
        SmtpWireReply go = smtp.send("STARTTLS");
        if (go.code() == 454) check.skip("STARTTLS answered 454 (TLS temporarily unavailable): " + go.describe());
        go.expectCode(220);
        Extensions.handshake(check, smtp);
        smtp.ehlo().expectCode(250);
        SmtpWireReply again = smtp.send("STARTTLS");
        if (again.isComplete() && again.code() == 454) {
            check.warn(again.step(), "a 5yz refusal (TLS is already active)", again.describe() + " (a temporary refusal: the client may try again)");
        } else {
            again.expectClass(5);
        }
        smtp.send("QUIT");
    }

    /*
     * §4: a server that requires TLS SHOULD answer 530 to every command other than NOOP, EHLO, STARTTLS and QUIT.
     * No settings key names a TLS-required listener; it is recognised by a 530 that mentions TLS to MAIL in clear.
     */
    @Check(id = "SMTP-TLS-REQUIRED", level = Level.SHOULD,
            requirement = "a listener that requires TLS answers 530 to HELO, MAIL, RCPT, VRFY, DATA in clear and never to NOOP, EHLO, QUIT")
    void tlsRequired(CheckContext check) {
        if (Extensions.implicitTls(check)) check.skip("the listener is implicit TLS: nothing is sent in clear");
        String sender = check.sender();
        SmtpProbe smtp = check.smtpInClearAfterEhlo();
        SmtpWireReply mail = smtp.mail(sender);
        if (mail.code() != 530 || !mail.text().toUpperCase(Locale.ROOT).contains("TLS")) {
            smtp.quitQuietly(); // the rule is about listeners that require TLS: unexercised, it can neither pass nor fail
            check.skip("MAIL in clear -> " + mail.describe() + ": not a TLS-required listener"
                    + (mail.code() == 530 ? " (530 without TLS in the text: taken as authentication required, RFC 4954)" : "")
                    + "; the 530 list is not exercised");
        }
        smtp.rcpt(check.account().address()).expectCode(530);
        exempt(check, smtp.send("NOOP"), 250); // RFC 3207 §4: NOOP is exempt from the 530
        exempt(check, smtp.send("QUIT"), 221);
        SmtpProbe second = check.smtpInClear();
        second.greeted();
        second.send("HELO " + SmtpProbe.CLIENT_DOMAIN).expectCode(530);
        second.send("VRFY postmaster").expectCode(530);
        exempt(check, second.ehlo(), 250);
        exempt(check, second.send("QUIT"), 221);
        SmtpProbe third = check.smtpInClearAfterEhlo();
        third.send("DATA").expectCode(530);
        exempt(check, third.send("QUIT"), 221);
    }

    /** NOOP, EHLO and QUIT are exempt from the 530 (RFC 3207 §4): here a 530 breaks this row's rule, it blocks nothing. */
    private static void exempt(CheckContext check, SmtpWireReply reply, int code) {
        if (!reply.isComplete() || reply.code() != code) throw check.fail(reply.step(), "reply code " + code + " (exempt from 530)", reply.describe());
    }
}
