package io.mailharness.conformance.rfc3207;

import io.mailharness.client.Transcript;
import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.check.StoredMessages;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.CheckFailure;
import io.mailharness.conformance.wire.Sasl;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

@Section(rfc = "3207", number = "4.2", title = "Result of the STARTTLS Command")
public class ResultOfStartTls {
    /*
     * §4.2 and CVE-2011-0411: plaintext the client sent after STARTTLS, in the same write, must be discarded,
     * never executed, neither answered in clear nor inside the TLS session that follows.
     */
    @Check(id = "SMTP-TLS-INJECT", level = Level.MUST, modes = {Mode.NEEDS_TLS, Mode.ANTI_ABUSE},
            requirement = "a command written in clear right after STARTTLS is never answered, before the handshake or inside TLS")
    void injection(CheckContext check) {
        SmtpProbe smtp = Extensions.startTlsOffered(check);
        smtp.write("STARTTLS\r\nNOOP\r\n");
        injectedNeverAnswered(check, smtp, smtp.readReply("STARTTLS (NOOP in the same write)"), "NOOP");
        smtp.quitQuietly();

        SmtpProbe second = Extensions.startTlsOffered(check);
        second.write("RSET\r\nSTARTTLS\r\nRSET\r\n");
        // A listener that requires TLS answers RSET 530 in clear (RFC 3207 §4 exempts only NOOP, EHLO, STARTTLS, QUIT).
        second.readReply("RSET (first of RSET, STARTTLS, RSET in one write)").expectCode(250, 530);
        injectedNeverAnswered(check, second, second.readReply("STARTTLS (RSET in the same write)"), "RSET");
        second.quitQuietly();
    }

    /*
     * Robustness (catalogue; Apache James's negative control): an injection defence must not trip on the word
     * STARTTLS in addresses or message content.
     */
    @Check(id = "SMTP-TLS-NOFALSEPOS", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "the word STARTTLS in a path or in message lines is handled as data: normal replies, stored unchanged")
    void noFalsePositive(CheckContext check) {
        Account account = check.disposableAccount();
        byte[] body = "starttls begins this body\r\nSTARTTLS\r\nSTARTTLS is only a word here\r\n".getBytes(StandardCharsets.US_ASCII);
        TestMessage message = check.mailbox().message(account, "STARTTLS as data", body);
        SmtpProbe smtp = check.smtpAfterEhlo(); // inside TLS when the settings say the listener requires it
        smtp.openTransaction("starttls@" + check.domain(), account.address());
        SmtpWireReply word = smtp.rcpt("starttls@" + check.domain());
        if (word.replyClass() != 2 && word.replyClass() != 5) {
            throw check.fail(word.step(), "a normal RCPT answer (2yz, or 5yz for an unknown user)", word.describe());
        }
        smtp.data();
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        check.mailbox().await(account, message.id()).expectBodyHolds(message.content()); // STARTTLS lines included
    }

    /* §4.2: after the handshake the server MUST discard any knowledge obtained from the client (EHLO, transaction). */
    @Check(id = "SMTP-TLS-RESET", level = Level.MUST, modes = Mode.NEEDS_TLS,
            requirement = "the transaction and EHLO from before STARTTLS are gone inside TLS: RCPT is refused, MAIL gets 503 (STARTTLS refused there: SKIP)")
    void stateReset(CheckContext check) {
        String sender = check.sender();
        SmtpProbe smtp = Extensions.startTlsOffered(check);
        SmtpWireReply opened = smtp.mail(sender);
        if (opened.code() == 530) check.skip("the listener requires STARTTLS before MAIL (" + opened.describe().strip() + "): no transaction in clear to forget");
        opened.expectCode(250);
        SmtpWireReply go = smtp.send("STARTTLS");
        if (go.isComplete() && (go.replyClass() == 4 || go.replyClass() == 5)) {
            // RFC 3207 does not oblige a server to start TLS inside a mail transaction (Sendmail 503, Courier 540)
            smtp.quitQuietly();
            check.skip("STARTTLS after MAIL refused (" + go.describe().strip() + "): no handshake, so nothing to forget; the reset rule is not testable here");
        }
        go.expectCode(220);
        Extensions.handshake(check, smtp);
        smtp.rcpt(check.account().address()).expectClass(5); // refused: the transaction is gone (503 exactly: SMTP-SEQ-RCPT-NOMAIL)
        SmtpWireReply mail = smtp.mail(sender);
        smtp.quitQuietly();
        if (mail.code() == 503) return;
        if (mail.replyClass() != 2) throw check.fail(mail.step(), "503 (EHLO forgotten)", mail.describe());
        SmtpProbe clear = check.smtpInClear();
        clear.greeted();
        SmtpWireReply before = clear.mail(sender);
        clear.quitQuietly();
        if (before.replyClass() == 2) {
            check.observe("MAIL without EHLO is accepted in clear too (" + before.describe() + "): whether EHLO was forgotten cannot be seen");
            return;
        }
        throw check.fail(mail.step(), "503 as for MAIL without EHLO in clear (" + before.describe() + ")", mail.describe());
    }

    /*
     * §4.2 (discard knowledge, the AUTH login included); Poddebniak et al., USENIX Security 2021 §6.2: a login
     * made in clear must not carry over into the TLS session (session fixation).
     */
    @Check(id = "SMTP-TLS-AFTERAUTH", level = Level.MUST, modes = Mode.NEEDS_TLS,
            requirement = "a login made before STARTTLS is refused or forgotten inside TLS (a new AUTH gets 235, not 503)")
    void loginForgotten(CheckContext check) {
        Account account = check.account();
        SmtpProbe smtp = check.smtpInClear();
        smtp.greeted();
        SmtpWireReply ehlo = smtp.ehlo().expectCode(250);
        if (Extensions.implicitTls(check)) check.skip("the listener is implicit TLS: STARTTLS does not apply");
        Extensions.requireAdvertised(check, ehlo, "STARTTLS");
        String mechanisms = Extensions.keywords(ehlo).parameter("AUTH").orElse("").toUpperCase(Locale.ROOT);
        if (!(" " + mechanisms + " ").contains(" PLAIN ")) {
            check.observe("AUTH PLAIN is not offered before STARTTLS (" + (mechanisms.isEmpty() ? "no AUTH" : "AUTH " + mechanisms)
                    + "): no login can precede the handshake");
            smtp.send("QUIT");
            return;
        }
        SmtpWireReply login = Sasl.authPlain(smtp, account);
        if (login.code() != 235) {
            check.observe("AUTH PLAIN in clear refused (" + login.describe() + "): no login can precede the handshake");
            smtp.quitQuietly();
            return;
        }
        SmtpWireReply go = smtp.send("STARTTLS");
        if (go.replyClass() == 4 || go.replyClass() == 5) {
            check.observe("STARTTLS after AUTH refused (" + go.describe() + ")");
            smtp.quitQuietly();
            return;
        }
        go.expectCode(220);
        Extensions.handshake(check, smtp);
        smtp.ehlo().expectCode(250);
        SmtpWireReply again = Sasl.authPlain(smtp, account);
        if (again.code() == 503) {
            throw check.fail(again.step(), "235: the login from before STARTTLS is forgotten", again.describe() + " (the login was kept)");
        }
        check.observe("AUTH inside TLS -> " + again.describe());
        smtp.quitQuietly();
    }

    private static void injectedNeverAnswered(CheckContext check, SmtpProbe smtp, SmtpWireReply go, String injected) {
        if (go.replyClass() == 4 || go.replyClass() == 5) {
            check.observe(go.step() + " refused (" + go.describe() + "): no TLS boundary for the " + injected + " to cross");
            return;
        }
        go.expectCode(220);
        Optional<byte[]> clear = smtp.connection().awaitAnyOctets(check.silence());
        if (clear.isPresent()) {
            throw check.fail("before the handshake", "no answer to the injected " + injected,
                    Transcript.visible(new String(clear.get(), StandardCharsets.ISO_8859_1)));
        }
        if (smtp.isClosedByPeer()) {
            check.observe("the server closed the connection after 220 instead of a handshake: the " + injected + " was not executed");
            return;
        }
        try {
            Extensions.handshake(check, smtp);
        } catch (CheckFailure e) {
            check.observe("the handshake failed after the injected plaintext (" + e.actual() + "): the " + injected + " was not executed");
            return;
        }
        smtp.expectSilence("inside TLS: the injected " + injected + " must not be answered", check.silence());
        smtp.ehlo().expectCode(250);
    }
}
