package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.check.StoredMessages;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.reports.conformance.Level;
import io.mailharness.target.Account;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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
