package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.mailharness.conformance.wire.MessageHeaders.headerField;

@Section(rfc = "5321", number = "4.1.2", title = "Addresses and recipients")
public class Addresses {
    /*
     * §4.5.1: every server "MUST" accept mail for the reserved mailbox postmaster; §2.4, §4.1.1.3: "Postmaster"
     * without a domain, in any case, names the local postmaster.
     */
    @Check(id = "SMTP-ADDR-POSTMASTER", level = Level.MUST, section = "4.5.1",
            requirement = "RCPT TO:<Postmaster>, <POSTMASTER@domain> and <postmaster@domain> are accepted (250/251)")
    void postmasterAccepted(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.send("RCPT TO:<Postmaster>").expectCode(250, 251);
        smtp.rcpt("POSTMASTER@" + check.domain()).expectCode(250, 251);
        smtp.rcpt("postmaster@" + check.domain()).expectCode(250, 251);
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }

    /* §3.3: a recipient the server knows does not exist "SHOULD" be refused at RCPT with 550 (not accepted and bounced). */
    @Check(id = "SMTP-ADDR-UNKNOWN", level = Level.SHOULD, section = "3.3",
            requirement = "RCPT to a local user that does not exist gets 550 (5.1.1), not 250 and a later bounce")
    void unknownLocalUserRefused(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        SmtpWireReply reply = smtp.rcpt("no-such-user-" + UUID.randomUUID().toString().substring(0, 8) + "@" + check.domain());
        reply.expectCodeElseWarn(5, 550);
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }

    /* §3.6.2, §7.9: a server that does not relay for this client "SHOULD" refuse a foreign recipient with 550. */
    @Check(id = "SMTP-ADDR-RELAY", level = Level.SHOULD, section = "3.6.2",
            requirement = "an unauthenticated RCPT to a foreign domain gets 550 (5.7.1); another 5yz warns")
    void noOpenRelay(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.rcpt("someone@foreign.example").expectCodeElseWarn(5, 550);
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }

    /*
     * §4.1.2: Reverse-path = Path / "<>"; §3.6.3, §6.1: the null reverse-path is how notifications are sent, and
     * must be accepted. §4.4: the Return-Path added on final delivery then reads "<>".
     */
    @Check(id = "SMTP-ADDR-NULLRP", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "MAIL FROM:<> (the null reverse-path) is accepted and the message is delivered with Return-Path: <>")
    void nullReversePath(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "null reverse-path", ascii("body\r\n"));
        check.mailbox().remember(account, message.id());
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.send("MAIL FROM:<>").expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.send("DATA").expectCode(354);
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        String returnPath = headerField(check.mailbox().await(account, message.id()).octets(), "Return-Path");
        if (returnPath != null && !returnPath.replace(" ", "").equals("<>")) {
            throw check.fail("Return-Path of the delivered message", "<>", returnPath);
        }
    }

    /*
     * §4.1.2: a source route (A-d-l) "MUST BE accepted" and "SHOULD be ignored"; a Quoted-string local part and
     * address literals (§4.1.3) are valid syntax. Refusing them as syntax errors (500/501) breaks the rule; an
     * unknown-user or policy refusal (550) does not. An impossible IPv4 literal is a syntax error (501/553).
     */
    @Check(id = "SMTP-ADDR-SYNTAX", level = Level.MUST,
            requirement = "source routes, quoted local parts and address literals are not refused as syntax errors; [300.1.1.1] is (501/553)")
    void pathSyntax(CheckContext check) {
        String domain = check.domain();
        String[] valid = {
                "@relay.example,@b.example:" + check.account().address(),
                "\"a b\"@" + domain,
                "\"john..doe\"@" + domain,
                "u@[192.0.2.1]",
                "u@[IPv6:2001:db8::1]"};
        for (String path : valid) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                smtp.mail("sender@" + domain).expectCode(250);
                smtp.rcpt(path).expectNotCode(500, 501);
                smtp.quitQuietly();
            }
        }
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + domain).expectCode(250);
        smtp.rcpt("u@[300.1.1.1]").expectCodeElseWarn(5, 501, 553);
        smtp.send("QUIT");
    }

    /*
     * §2.4: the local part "MUST BE treated as case sensitive", so a server passes it on as it came; the
     * Return-Path added on delivery (§4.4) shows whether the reverse-path kept its case.
     */
    @Check(id = "SMTP-ADDR-CASE", level = Level.MUST, section = "2.4", modes = Mode.MUTATES_MAILBOX,
            requirement = "the case of a reverse-path's local part is kept: MAIL FROM:<MiXed...> arrives as Return-Path <MiXed...>")
    void localPartCaseKept(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "local part case", ascii("body\r\n"));
        check.mailbox().remember(account, message.id());
        String sender = "MiXed.CaSe-Sender@" + check.domain();
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail(sender).expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.send("DATA").expectCode(354);
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        String returnPath = headerField(check.mailbox().await(account, message.id()).octets(), "Return-Path");
        if (returnPath == null) check.skip("the delivered message has no Return-Path, so the stored reverse-path cannot be seen (see SMTP-DATA-TRACE)");
        if (!returnPath.contains("MiXed.CaSe-Sender@")) {
            throw check.fail("Return-Path of the delivered message", "<" + sender + "> (local part in its case)", returnPath);
        }
    }

    /*
     * §4.5.3.1.1-3: a local part of 64 octets, a domain of 255 octets and a path of 256 octets (with the angle
     * brackets) "MUST" be accepted; §4.5.3.1.9: longer objects may be refused ("501 Path too long", 553) or taken.
     * The 255-octet domain goes into EHLO, since within a 256-octet path a domain has at most 252 octets.
     */
    @Check(id = "SMTP-ADDR-LEN", level = Level.MUST, section = "4.5.3.1",
            requirement = "a 64-octet local part, 255-octet domain and 256-octet path are not refused for length; longer ones get 250, 501 or 553")
    void addressLengths(CheckContext check) {
        String local64 = "l".repeat(64);
        String domain255 = longDomain(255, "example");
        String domainInPath = longDomain(252, check.domain());
        try (SmtpProbe smtp = check.smtp()) {
            smtp.greeting().expectCode(220);
            notRefusedForLength(check, smtp.send("EHLO " + domain255), "a 255-octet domain");
            smtp.quitQuietly();
        }
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            notRefusedForLength(check, smtp.mail(local64 + "@" + check.domain()), "a 64-octet local part");
            smtp.send("RSET").expectCode(250);
            notRefusedForLength(check, smtp.mail("u@" + domainInPath), "a 256-octet path");
            smtp.quitQuietly();
        }
        for (String over : new String[] {"l".repeat(65) + "@" + check.domain(), "u@" + longDomain(300, check.domain())}) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                smtp.mail(over).expectCodeElseWarn(5, 250, 501, 553);
                smtp.quitQuietly();
            }
        }
    }

    private static void notRefusedForLength(CheckContext check, SmtpWireReply reply, String what) {
        if (!reply.isComplete() || reply.code() == 500 || reply.code() == 501 || reply.code() == 553) {
            throw check.fail(reply.step(), what + " accepted (not 500/501/553)", reply.describe());
        }
        if (reply.replyClass() != 2) {
            check.warn(reply.step(), what + " accepted", reply.describe() + " (refused for another reason, so the length could not be shown to pass)");
        }
    }

    /** A domain of exactly {@code length} octets ending in {@code parent}, made of labels of at most 63 octets. */
    static String longDomain(int length, String parent) {
        StringBuilder labels = new StringBuilder();
        char letter = 'a';
        for (int room = length - parent.length(); room > 0; letter++) { // each label is followed by a dot
            int size = Math.min(63, room - 1);
            if (room - 1 - size == 1) size--; // never leave room for a dot alone
            labels.append(String.valueOf(letter).repeat(size)).append('.');
            room -= size + 1;
        }
        return labels + parent;
    }

    /*
     * §4.5.3.1.8: "The minimum total number of recipients that MUST be buffered is 100". Valid local recipients
     * (the accounts and postmaster, repeated) are given one after the other; the transaction is then reset.
     */
    @Check(id = "SMTP-ADDR-RCPT100", level = Level.MUST, section = "4.5.3.1.8",
            requirement = "100 RCPTs to valid local recipients in one transaction are all accepted (250/251)")
    void hundredRecipients(CheckContext check) {
        List<String> recipients = new ArrayList<>(check.target().accounts().stream().map(Account::address).toList());
        recipients.add("postmaster@" + check.domain());
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        for (int i = 0; i < 100; i++) {
            SmtpWireReply reply = smtp.rcpt(recipients.get(i % recipients.size()));
            if (!reply.isComplete() || (reply.code() != 250 && reply.code() != 251)) {
                throw check.fail("RCPT number " + (i + 1), "250 or 251 for each of 100 recipients", reply.describe());
            }
        }
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }

    /*
     * §4.5.3.1.10: a recipient past the server's limit gets 452 (or a 5yz by policy) and the earlier recipients
     * stay in the transaction, so DATA goes ahead (§4.5.3.1.8). The limit is found by trying, up to a bound.
     */
    @Check(id = "SMTP-ADDR-RCPTOVER", level = Level.MUST, section = "4.5.3.1.10", modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "the RCPT past the server's recipient limit gets 452 (or a 5yz), the earlier ones are kept and DATA goes ahead")
    void recipientsPastTheLimit(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "recipients past the limit", ascii("body\r\n"));
        check.mailbox().remember(account, message.id());
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        SmtpWireReply refusal = null;
        int accepted = 0;
        while (refusal == null && accepted < MAX_RECIPIENTS_TRIED) {
            SmtpWireReply reply = smtp.rcpt(account.address());
            if (reply.isComplete() && reply.replyClass() == 2) accepted++;
            else refusal = reply;
        }
        if (refusal == null) {
            smtp.send("RSET");
            smtp.send("QUIT");
            check.skip("no recipient limit reached within " + MAX_RECIPIENTS_TRIED + " RCPTs");
        }
        if (!refusal.isComplete() || (refusal.code() != 452 && refusal.replyClass() != 5)) {
            throw check.fail(refusal.step() + " (number " + (accepted + 1) + ")", "452 (too many recipients) or a 5yz", refusal.describe());
        }
        if (accepted == 0) throw check.fail("first RCPT", "accepted (250/251)", refusal.describe());
        smtp.send("DATA").expectCode(354);
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        check.mailbox().await(account, message.id());
    }

    /** How many RCPTs the limit search sends at most (Postfix's default limit is 1000). */
    static final int MAX_RECIPIENTS_TRIED = 1_000;

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
