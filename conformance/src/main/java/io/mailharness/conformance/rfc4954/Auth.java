package io.mailharness.conformance.rfc4954;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.Sasl;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.util.Locale;

@Section(rfc = "4954", number = "4", title = "The AUTH Command")
public class Auth {
    /*
     * §4: a server MUST be configurable to refuse plaintext password mechanisms until the session is protected
     * (STARTTLS), and sites SHOULD NOT permit them without such protection (538 5.7.11 "Encryption required").
     */
    @Check(id = "SMTP-AUTH-PLAINTEXT", level = Level.SHOULD, modes = Mode.NEEDS_TLS,
            requirement = "before TLS, AUTH PLAIN is not offered or is refused without checking the password (538/530), not 535")
    void noPlaintextPasswords(CheckContext check) {
        if (Extensions.implicitTls(check)) check.skip("the listener is implicit TLS: no password is ever sent in clear");
        Extensions.Session clear = Extensions.greetedInClear(check);
        String offered = mechanisms(clear.ehlo());
        if (!offered.contains(" PLAIN ") && !offered.contains(" LOGIN ")) {
            // the "absent" branch: no client is invited to send a password in clear; what an unlisted AUTH answers
            // to a made-up login (535 or otherwise) shows no working plaintext login
            check.observe("EHLO in clear offers no plaintext mechanism (" + (offered.isEmpty() ? "no AUTH" : "AUTH" + offered.stripTrailing()) + ")");
            clear.smtp().quitQuietly();
            return;
        }
        // never a real password in clear: a made-up login shows whether the server would check one
        clear.smtp().write("AUTH PLAIN " + Sasl.plain("no-such-user", "not-the-password") + "\r\n");
        SmtpWireReply reply = clear.smtp().readReply("AUTH PLAIN **** (made-up login, in clear)");
        clear.smtp().quitQuietly();
        if (reply.code() == 535 || reply.code() == 235 || reply.code() == 334) {
            throw check.fail(reply.step(), "538 or 530 (plaintext mechanisms need TLS), or 504 (PLAIN not available in clear)",
                    reply.describe() + "; EHLO in clear offered AUTH" + offered.stripTrailing());
        }
        check.observe("EHLO in clear lists AUTH" + offered + "but AUTH PLAIN is refused: " + reply.describe());
    }

    /* §4, §6: a valid AUTH PLAIN gets 235; without an initial response the empty challenge is exactly "334 ". */
    @Check(id = "SMTP-AUTH-OK", level = Level.MUST, modes = Mode.NEEDS_TLS,
            requirement = "AUTH PLAIN with the right login gets 235, with and without initial response; the empty challenge is '334 '")
    void validLogin(CheckContext check) {
        Account account = check.account();
        SmtpProbe smtp = securedWithPlain(check);
        Sasl.authPlain(smtp, account).expectCode(235);
        smtp.send("QUIT");

        SmtpProbe second = securedWithPlain(check);
        SmtpWireReply challenge = second.send("AUTH PLAIN").expectCode(334);
        if (challenge.lines().size() != 1 || !challenge.lines().get(0).text().equals("334 ")) {
            throw check.fail(challenge.step(), "exactly '334 ' (an empty challenge)", challenge.describe());
        }
        second.write(Sasl.plain(account) + "\r\n");
        second.readReply("<PLAIN response ****>").expectCode(235);
        second.send("QUIT");

        SmtpProbe third = securedWithPlain(check);
        third.send("AUTH PLAIN =").expectClass(5); // '=' is an empty initial response: no challenge, no login
        third.quitQuietly();
    }

    /* §4, §6: a bad login gets 535 5.7.8, an unknown mechanism 504, undecodable base64 501, a cancelled exchange 501. */
    @Check(id = "SMTP-AUTH-FAIL", level = Level.MUST, modes = {Mode.NEEDS_TLS, Mode.ANTI_ABUSE},
            requirement = "wrong password 535, AUTH FOO 504, bad base64 501, '*' cancel 501 (other 5yz: WARN)")
    void failedLogins(CheckContext check) {
        Account account = check.account();
        SmtpProbe smtp = securedWithPlain(check);
        smtp.write("AUTH PLAIN " + Sasl.plain(account.user(), account.password() + "-wrong") + "\r\n");
        smtp.readReply("AUTH PLAIN **** (wrong password)").expectCodeElseWarn(5, 535);
        smtp.send("AUTH FOO").expectCodeElseWarn(5, 504);
        smtp.quitQuietly();

        Extensions.Session second = Extensions.secured(check);
        second.smtp().send("AUTH PLAIN !!!").expectCodeElseWarn(5, 501);
        if (mechanisms(second.ehlo()).contains(" LOGIN ")) {
            second.smtp().send("AUTH LOGIN").expectCode(334);
            second.smtp().send("*").expectCodeElseWarn(5, 501);
        } else {
            check.observe("AUTH LOGIN is not offered: the '*' cancel was not tried");
        }
        second.smtp().quitQuietly();
    }

    /* §4: after a successful AUTH further AUTH commands MUST get 503; so MUST an AUTH during a mail transaction. */
    @Check(id = "SMTP-AUTH-SEQ", level = Level.MUST, modes = Mode.NEEDS_TLS,
            requirement = "a second AUTH after 235 gets 503; AUTH after MAIL gets 503")
    void sequence(CheckContext check) {
        Account account = check.account();
        SmtpProbe smtp = securedWithPlain(check);
        Sasl.authPlain(smtp, account).expectCode(235);
        Sasl.authPlain(smtp, account).expectCode(503);
        smtp.send("QUIT");

        SmtpProbe second = securedWithPlain(check);
        second.mail(check.sender()).expectCode(250);
        Sasl.authPlain(second, account).expectCode(503);
        second.quitQuietly();
    }

    /** The AUTH mechanisms of an EHLO reply, upper case, space-delimited with a space at both ends. */
    private static String mechanisms(SmtpWireReply ehlo) {
        return Extensions.keywords(ehlo).parameter("AUTH").map(value -> " " + value.toUpperCase(Locale.ROOT) + " ").orElse("");
    }

    /** A session inside TLS whose EHLO offers AUTH PLAIN (or SKIP). */
    private static SmtpProbe securedWithPlain(CheckContext check) {
        Extensions.Session session = Extensions.secured(check);
        String offered = mechanisms(session.ehlo());
        if (!offered.contains(" PLAIN ")) {
            check.skip("AUTH PLAIN is not offered inside TLS (" + (offered.isEmpty() ? "EHLO lists no AUTH" : "EHLO: AUTH" + offered.stripTrailing()) + ")");
        }
        return session.smtp();
    }
}
