package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.protocol.EhloKeywords;
import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.check.StoredMessages;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.client.Transcript;
import io.mailharness.protocol.DotStuffing;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Section(rfc = "5321", number = "4.1.1.4", title = "DATA")
public class MailData {
    /*
     * §4.1.1.4: DATA gets 354; the message data ends with the line "." and then the server sends exactly one
     * reply (250 when it takes responsibility). (The catalogue's empty-message probe is left out: it would leave
     * a message without a harness id that clean-up cannot find.)
     */
    @Check(id = "SMTP-DATA-OK", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "DATA gets 354 and the end of the data exactly one reply (250 or a 4yz/5yz refusal)")
    void dataGetsOneReply(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "data ok", ascii("body\r\n"));
        check.mailbox().remember(account, message.id());
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.send("DATA").expectCode(354);
        SmtpWireReply end = smtp.content(message.content());
        if (!end.isComplete() || end.replyClass() == 3 || end.replyClass() < 2) {
            throw check.fail("end of data", "one 250 (or 4yz/5yz) reply", end.describe());
        }
        smtp.expectSilence("after the reply to the end of data", check.silence());
        smtp.send("QUIT");
    }

    /* §4.5.2: the receiver removes the first "." of every line that starts with one; nothing else changes. */
    @Check(id = "SMTP-DATA-DOTSTUFF", level = Level.MUST, section = "4.5.2", modes = Mode.MUTATES_MAILBOX,
            requirement = "stuffed lines '..', '...', '..x', and the last line '..' are stored as '.', '..', '.x', '.'; 'x.' and ' .' unchanged")
    void dotUnstuffing(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "dot unstuffing", ascii(".\r\n..\r\n.x\r\nx.\r\n .\r\n.\r\n"));
        check.mailbox().remember(account, message.id());
        byte[] wire = ascii(new String(message.content(), StandardCharsets.ISO_8859_1).replace("\r\n.", "\r\n..") + ".\r\n");
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.send("DATA").expectCode(354);
        smtp.write(wire);
        smtp.readReply("stuffed body, then .CRLF").expectCode(250);
        smtp.send("QUIT");
        expectStoredTail(check, check.mailbox().await(account, message.id()), message.content());
    }

    /*
     * §4.1.1.4: "An extra <CRLF> MUST NOT be added"; §4.5.2: all characters are delivered, control characters
     * included. Trailing spaces and empty lines at the end stay.
     */
    @Check(id = "SMTP-DATA-NOEXTRA", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "HT, VT, FF, DEL, trailing spaces and empty last lines are stored exactly; no CRLF is added")
    void nothingAddedNothingLost(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "no extra",
                ascii("tab\there\r\nvt\u000b ff\u000c del\u007f\r\ntrailing   \r\nlast  \r\n\r\n\r\n"));
        check.mailbox().deliver(account, message);
        expectStoredTail(check, check.mailbox().await(account, message.id()), message.content());
    }

    /*
     * §1.8 of the catalogue, RFC 5321 §4.1.1.4 and §2.3.8: only CRLF.CRLF ends the data. A payload hides a second
     * transaction behind a bare-LF/CR end-of-data look-alike; the server must not answer before the real end,
     * and must not deliver the hidden message.
     */
    @Check(id = "SMTP-SMUG-LFLF", level = Level.MUST, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "<LF>.<LF> inside the data never ends it (no reply before CRLF.CRLF, no smuggled message)")
    void smuggleLfLf(CheckContext check) {
        Smuggling.attempt(check, "\n.\n");
    }

    @Check(id = "SMTP-SMUG-LFCRLF", level = Level.MUST, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "<LF>.<CRLF> inside the data never ends it (no reply before CRLF.CRLF, no smuggled message)")
    void smuggleLfCrLf(CheckContext check) {
        Smuggling.attempt(check, "\n.\r\n");
    }

    @Check(id = "SMTP-SMUG-CRLFLF", level = Level.MUST, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "<CRLF>.<LF> inside the data never ends it (no reply before CRLF.CRLF, no smuggled message)")
    void smuggleCrLfLf(CheckContext check) {
        Smuggling.attempt(check, "\r\n.\n");
    }

    /* §2.3.8: a bare LF in the body is no line end: reject it, or store it as CRLF or SP; raw is tolerated (WARN). */
    @Check(id = "SMTP-BARELF-BODY", level = Level.SHOULD, section = "2.3.8", modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "a body line 'a<LF>b' is refused, or stored with the LF made CRLF or SP; stored raw warns; never split")
    void bareLfInBody(CheckContext check) {
        Smuggling.bareLineEnd(check, "\n");
    }

    @Check(id = "SMTP-BARECR-BODY", level = Level.SHOULD, section = "2.3.8", modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "a body line 'a<CR>b' is refused, or stored with the CR made CRLF or SP; stored raw warns; never split")
    void bareCrInBody(CheckContext check) {
        Smuggling.bareLineEnd(check, "\r");
    }

    /*
     * §4.1.1.4: the server answers DATA once, after the end of data; §4.2.5: even a message it will refuse (too
     * long a line, too much data) is read to the end before the reply. A 5000-octet line, then a pause.
     */
    @Check(id = "SMTP-DATA-NOMIDREPLY", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "nothing comes from the server while message data arrives (even a 5000-octet line); one reply after CRLF.CRLF")
    void noReplyBeforeEndOfData(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "no reply mid-data", ascii("x".repeat(5000) + "\r\n"));
        check.mailbox().remember(account, message.id());
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.send("DATA").expectCode(354);
        smtp.write(message.content());
        smtp.expectSilence("message data with a 5000-octet line sent, end of data not yet", check.silence());
        SmtpWireReply end = smtp.sendRaw(".\r\n");
        if (!end.isComplete() || end.replyClass() < 2 || end.replyClass() == 3) {
            throw check.fail("end of data", "one 2yz, 4yz or 5yz reply", end.describe());
        }
        smtp.send("QUIT"); // one reply and no more: SMTP-DATA-OK watches that
        if (end.code() == 250) check.mailbox().await(account, message.id());
    }

    /*
     * §4.5.3.1.6: a text line of 1000 octets with CRLF "MUST" be accepted, also when it starts with "." and goes
     * out stuffed (999 octets + CRLF on the wire); §4.5.3.1.7: a 64 KiB message too. Stored as sent.
     */
    @Check(id = "SMTP-DATA-MINSIZES", level = Level.MUST, section = "4.5.3.1.6", modes = Mode.MUTATES_MAILBOX,
            requirement = "998-octet lines (one starting with '.', 999 octets stuffed) and a 64 KiB message are accepted and stored intact")
    void minimumSizes(CheckContext check) {
        Account account = check.disposableAccount();
        SmtpProbe smtp = check.smtp();
        smtp.greeting().expectCode(220);
        EhloKeywords capabilities = Extensions.keywords(smtp.ehlo().expectCode(250));
        boolean fullSize = capabilities.sizeLimit().orElse(Long.MAX_VALUE) >= 70_000;
        StringBuilder body = new StringBuilder("a".repeat(998)).append("\r\n").append(".").append("b".repeat(997)).append("\r\n");
        while (fullSize && body.length() < 64 * 1024) body.append("filler line to reach 64 KiB ").append("c".repeat(48)).append("\r\n");
        TestMessage message = check.mailbox().message(account, "minimum sizes", ascii(body.toString()));
        check.mailbox().remember(account, message.id());
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.send("DATA").expectCode(354);
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        expectStoredTail(check, check.mailbox().await(account, message.id()), message.content());
    }

    /*
     * §4.5.3.1.6, .9: a server MAY refuse a line over 1000 octets (500 "Line too long", 552, 554, after the end of
     * data); §4.5.3.1 asks for no limits where possible, so taking it and storing it unchanged passes too. What
     * it must not do is change the octets.
     */
    @Check(id = "SMTP-DATA-LONGLINE", level = Level.MAY, section = "4.5.3.1.6", modes = Mode.MUTATES_MAILBOX,
            requirement = "a 5000-octet line is refused after the end of data (500/552/554) or stored unchanged, never altered")
    void longLine(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "long line", ascii("y".repeat(5000) + "\r\nshort line\r\n"));
        check.mailbox().remember(account, message.id());
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.mail("sender@" + check.domain()).expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.send("DATA").expectCode(354);
        SmtpWireReply end = smtp.content(message.content());
        if (end.isComplete() && end.replyClass() == 5) {
            end.expectCodeElseWarn(5, 500, 552, 554);
            smtp.quitQuietly();
            return;
        }
        end.expectCode(250);
        smtp.send("QUIT");
        expectStoredTail(check, check.mailbox().await(account, message.id()), message.content());
    }

    /*
     * §4.4: on final delivery the server "MUST" put a Return-Path on top; every relay "MUST" add a Received field
     * whose FROM clause is required in SMTP and SHOULD hold the EHLO name and an address literal, ending in a
     * date-time (RFC 5322 §3.3).
     */
    @Check(id = "SMTP-DATA-TRACE", level = Level.MUST, section = "4.4", modes = Mode.MUTATES_MAILBOX,
            requirement = "a delivered message starts with exactly one Return-Path, then a Received with FROM (EHLO name, address literal) and a date-time")
    void traceFields(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "trace fields", ascii("body\r\n"));
        check.mailbox().deliver(account, message);
        Mailbox.Found found = check.mailbox().await(account, message.id());
        String step = "RETR " + found.number();
        List<String> fields = headerFields(found.octets());
        long returnPaths = fields.stream().filter(f -> startsWithName(f, "Return-Path")).count();
        if (returnPaths != 1) throw check.fail(step, "exactly one Return-Path field", returnPaths + " of them");
        if (!startsWithName(fields.get(0), "Return-Path")) throw check.fail(step, "Return-Path as the first field", fields.get(0));
        String received = fields.stream().filter(f -> startsWithName(f, "Received")).findFirst()
                .orElseThrow(() -> check.fail(step, "a Received field", "none"));
        Matcher from = RECEIVED_FROM.matcher(received);
        if (!from.find()) throw check.fail(step, "a Received field with a FROM clause", received);
        int semicolon = received.lastIndexOf(';');
        String date = semicolon < 0 ? "" : received.substring(semicolon + 1).replaceAll("\\([^)]*\\)", " ").replaceAll("\\s+", " ").strip();
        if (!RFC5322_DATE.matcher(date).matches()) {
            throw check.fail(step, "a Received field ending in '; date-time' (RFC 5322 §3.3)", received);
        }
        String clause = from.group(1);
        if (!clause.toLowerCase(Locale.ROOT).contains(SmtpProbe.CLIENT_DOMAIN)) {
            check.warn(step, "the FROM clause names the EHLO domain " + SmtpProbe.CLIENT_DOMAIN, received);
        }
        if (!ADDRESS_LITERAL.matcher(clause).find()) {
            check.warn(step, "the FROM clause holds the client's address literal", received);
        }
    }

    private static final Pattern RECEIVED_FROM = Pattern.compile("(?i)^Received:\\s*from\\s+(.*?)(?=\\s+(by|via|with|id|for)\\s|;|$)");
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[(IPv6:)?[0-9A-Fa-f:.]+]");
    private static final Pattern RFC5322_DATE = Pattern.compile(
            "((Mon|Tue|Wed|Thu|Fri|Sat|Sun), ?)?\\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                    + "\\d{2}:\\d{2}(:\\d{2})? ([+-]\\d{4}|UT|GMT|[ECMP][SD]T|[A-IK-Za-ik-z])");

    /** The header fields of a message, unfolded, in order. */
    static List<String> headerFields(byte[] message) {
        List<String> fields = new ArrayList<>();
        for (String line : new String(message, StandardCharsets.ISO_8859_1).split("\r\n", -1)) {
            if (line.isEmpty()) break;
            if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + " " + line.strip());
            } else {
                fields.add(line);
            }
        }
        return fields;
    }

    private static boolean startsWithName(String field, String name) {
        return field.regionMatches(true, 0, name + ":", 0, name.length() + 1);
    }

    /*
     * §2.3.8: only CRLF ends a line, so a CR inside a command is no line end; §4.4: what a client says ends up in
     * trace fields. A CR in the EHLO domain or the reverse-path must be refused, or at least never become a
     * header field of its own in the delivered message. Each probe on its own connection.
     */
    @Check(id = "SMTP-DATA-HDRINJ", level = Level.MUST, section = "4.4", modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "a CR hidden in the EHLO domain or the reverse-path is refused, or never becomes an X-Injected header field")
    void headerInjection(CheckContext check) {
        Account account = check.disposableAccount();
        String sender = "sender@" + check.domain();
        injectionProbe(check, account, "EHLO " + SmtpProbe.CLIENT_DOMAIN + "\rX-Injected: 1", "MAIL FROM:<" + sender + ">");
        injectionProbe(check, account, "EHLO " + SmtpProbe.CLIENT_DOMAIN, "MAIL FROM:<" + sender + "\rX-Injected: 1>");
    }

    private static void injectionProbe(CheckContext check, Account account, String ehlo, String mail) {
        TestMessage message = check.mailbox().message(account, "header injection", ascii("body\r\n"));
        check.mailbox().remember(account, message.id());
        try (SmtpProbe smtp = check.smtp()) {
            smtp.greeting().expectCode(220);
            for (String command : new String[] {ehlo, mail}) {
                SmtpWireReply reply = smtp.send(command);
                if (reply.replyClass() != 2) {
                    if (reply.replyClass() == 3 || (reply.isComplete() && reply.replyClass() < 2)) {
                        throw check.fail(command, "a refusal (501) or 250", reply.describe());
                    }
                    smtp.quitQuietly();
                    return; // refused: conforming
                }
            }
            smtp.rcpt(account.address()).expectCode(250, 251);
            smtp.send("DATA").expectCode(354);
            smtp.content(message.content()).expectCode(250);
            smtp.quitQuietly();
        }
        Mailbox.Found found = check.mailbox().await(account, message.id());
        String head = new String(found.octets(), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        for (String line : (end < 0 ? head : head.substring(0, end)).split("[\r\n]+")) {
            if (line.regionMatches(true, 0, "X-Injected:", 0, 11)) {
                throw check.fail("RETR " + found.number() + " after '" + Transcript.visible(ehlo.contains("\r") ? ehlo : mail) + "'",
                        "no X-Injected header field", (head.contains("\r\nX-Injected") ? "the CR became CRLF: " : "the CR was stored raw in a "
                                + "header field, so a reader taking a bare CR as a line end (RFC 5322 parsers often do) sees ") + "'" + line + "' as a field of its own");
            }
        }
    }

    /* §3.3: the server "MUST NOT reject messages in which the numbers of Resent-header fields do not match". */
    @Check(id = "SMTP-DATA-NOHDRREJ", level = Level.MUST, section = "3.3", modes = Mode.MUTATES_MAILBOX,
            requirement = "a message with two Resent- blocks, one of them a Resent-To without Resent-From, is accepted (250)")
    void unmatchedResentFieldsAccepted(CheckContext check) {
        Account account = check.disposableAccount();
        String domain = check.domain();
        String id = Mailbox.newId();
        String content = "Resent-Date: Tue, 2 Jan 2024 10:00:00 +0000\r\n"
                + "Resent-From: <forwarder@" + domain + ">\r\n"
                + "Resent-To: <" + account.address() + ">\r\n"
                + "Resent-Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n"
                + "Resent-To: <someone-else@" + domain + ">\r\n"
                + "From: <conformance@" + domain + ">\r\n"
                + "To: <" + account.address() + ">\r\n"
                + "Subject: unmatched Resent- fields\r\n"
                + "Message-ID: <" + id + "@mailharness>\r\n"
                + TestMessage.ID_HEADER + ": " + id + "\r\n\r\nbody\r\n";
        check.mailbox().deliver(account, new TestMessage(id, ascii(content)));
        check.mailbox().await(account, id);
    }

    /* Catalogue §1.8 with bare CRs: RFC 5321 §2.3.8, only CRLF ends a line, so no CR/LF mix ends the data. */
    @Check(id = "SMTP-SMUG-CR", level = Level.MUST, section = "2.3.8", modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "<CR>.<CR>, <CR>.<LF>, <LF>.<CR>, <CR>.<CRLF> and <CRLF>.<CR> never end the data (no early reply, no smuggled message)")
    void smuggleBareCr(CheckContext check) {
        Smuggling.attempts(check, "\r.\r", "\r.\n", "\n.\r", "\r.\r\n", "\r\n.\r");
    }

    /*
     * §2.3.8: CR CR LF is a bare CR and then CRLF, not a line end of its own. A conforming client stuffs "CRLF."
     * into "CRLF..", so how exploitable this is stays disputed; the hygiene rule is the same.
     */
    @Check(id = "SMTP-SMUG-CRCRLF", level = Level.MUST, section = "2.3.8", modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "<CRLF>.<CR><CRLF> and <CR><CRLF>.<CR><CRLF> never end the data (no early reply, no smuggled message)")
    void smuggleCrCrLf(CheckContext check) {
        Smuggling.attempts(check, "\r\n.\r\r\n", "\r\r\n.\r\r\n");
    }

    /* §4.1.1.4: the end of data is exactly CRLF "." CRLF; a NUL next to the dot makes it another line. */
    @Check(id = "SMTP-SMUG-NUL", level = Level.MUST, section = "4.1.1.4", modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "<CRLF><NUL>.<CRLF> and <CRLF>.<NUL><CRLF> never end the data (no early reply, no smuggled message)")
    void smuggleNul(CheckContext check) {
        Smuggling.attempts(check, "\r\n\u0000.\r\n", "\r\n.\u0000\r\n");
    }

    /*
     * RFC 3030 §2 and RFC 5321 §4.1.1.4: where CHUNKING is offered, a bare-LF end-of-data look-alike must not let
     * a hidden "bdat n last" transaction through either: one message only.
     */
    @Check(id = "SMTP-SMUG-BDAT", level = Level.MUST, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "<LF>.<LF> followed by a hidden MAIL/RCPT/BDAT LAST transaction yields one message only")
    void smuggleBdat(CheckContext check) {
        try (SmtpProbe smtp = check.smtp()) {
            smtp.greeting().expectCode(220);
            boolean chunking = Extensions.keywords(smtp.ehlo().expectCode(250)).has("CHUNKING");
            smtp.quitQuietly();
            if (!chunking) check.skip("CHUNKING is not offered");
        }
        Smuggling.attempt(check, "\n.\n", Smuggling.BY_BDAT);
    }

    /*
     * RFC 2920 §3.1: DATA ends a command group, so a client waits for 354; 5321 §4.3.1 lets a server refuse input
     * that runs ahead (554 and close). Record what the server does with a second transaction, message and all,
     * written right behind the end of data, and with MAIL written in one go with EHLO.
     */
    @Check(id = "SMTP-SMUG-SYNC", level = Level.INFO, section = "4.3.1", modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "record: a transaction sent without waiting for 354, and MAIL sent with EHLO, are processed or refused (554 + close)")
    void synchronisation(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage first = check.mailbox().message(account, "sync first", ascii("body\r\n"));
        TestMessage second = check.mailbox().message(account, "sync second", ascii("body\r\n"));
        check.mailbox().remember(account, first.id());
        check.mailbox().remember(account, second.id());
        String sender = "sender@" + check.domain();
        List<String> replies = new ArrayList<>();
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.mail(sender).expectCode(250);
            smtp.rcpt(account.address()).expectCode(250, 251);
            smtp.send("DATA").expectCode(354);
            smtp.write(concat(DotStuffing.dataSection(first.content()),
                    ascii("MAIL FROM:<" + sender + ">\r\nRCPT TO:<" + account.address() + ">\r\nDATA\r\n"),
                    DotStuffing.dataSection(second.content())));
            for (String step : new String[] {"end of data", "MAIL", "RCPT", "DATA", "second end of data"}) {
                SmtpWireReply reply = smtp.readReply(step + " (written in one go)");
                replies.add(step + " -> " + reply.describe());
                if (!reply.isComplete()) break;
            }
            smtp.quitQuietly();
        }
        check.observe("after the end of data, one write of MAIL, RCPT, DATA, message: " + String.join("; ", replies));
        for (String line : replies) {
            if (line.startsWith("end of data -> 250")) check.mailbox().await(account, first.id());
            if (line.startsWith("second end of data -> 250")) check.mailbox().await(account, second.id());
        }
        try (SmtpProbe smtp = check.smtp()) {
            smtp.greeting().expectCode(220);
            smtp.write("EHLO " + SmtpProbe.CLIENT_DOMAIN + "\r\nMAIL FROM:<" + sender + ">\r\n");
            SmtpWireReply ehlo = smtp.readReply("EHLO (MAIL in the same write)");
            SmtpWireReply mail = ehlo.isComplete() ? smtp.readReply("MAIL (written with EHLO)") : ehlo;
            check.observe("one write of EHLO and MAIL: EHLO -> " + ehlo.describe() + "; MAIL -> " + mail.describe());
            smtp.quitQuietly();
        }
    }

    static void expectStoredTail(CheckContext check, Mailbox.Found found, byte[] sent) {
        byte[] stored = found.octets();
        if (!StoredMessages.holdsAfterTraceFields(stored, sent)) {
            throw check.fail("RETR " + found.number(), "the message as sent, after the trace fields (" + sent.length + " octets)",
                    stored.length + " octets: " + StoredMessages.difference(stored, sent));
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }
}
