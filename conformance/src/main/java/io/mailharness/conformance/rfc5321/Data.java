package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpReplyFormat;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import static io.mailharness.conformance.wire.Octets.ascii;

@Section(rfc = "5321", number = "4.1.1.4", title = "DATA (DATA)")
public class Data {
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
        SmtpProbe smtp = check.preamble(() -> check.smtpAfterEhlo().openTransaction(check.sender(), account.address()));
        smtp.send("DATA").expectCode(354); // this row's rule, not a preamble
        SmtpWireReply end = smtp.content(message.content());
        if (!end.isComplete() || end.replyClass() == 3 || end.replyClass() < 2) {
            throw check.fail("end of data", "one 250 (or 4yz/5yz) reply", end.describe());
        }
        // §4.2.1: one code on every line. "250-queued" then "554 rejected" is neither an acceptance nor a refusal.
        SmtpReplyFormat.mixedCodes(end).ifPresent(problem -> { // the rest of the reply's form is ReplyCodeSeverities' business
            throw check.fail("end of data", "one 250 (or 4yz/5yz) reply: " + problem.rule(), end.describe());
        });
        smtp.expectSilence("after the reply to the end of data", check.silence());
        smtp.send("QUIT");
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
        check.mailbox().await(account, message.id()).expectBodyAsSent(message.content());
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

    /*
     * §4.1.1.4: the server answers DATA once, after the end of data; §4.2.5: even a message it will refuse (too
     * long a line, too much data) is read to the end before the reply. A 5000-octet line, then a pause.
     */
    @Check(id = "SMTP-DATA-NOMIDREPLY", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "nothing comes from the server while message data arrives (even a 5000-octet line); one reply after CRLF.CRLF")
    void noReplyBeforeEndOfData(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "no reply mid-data", ascii("x".repeat(5000) + "\r\n"));
        SmtpProbe smtp = check.smtpInData(account);
        smtp.write(message.content());
        smtp.expectSilence("message data with a 5000-octet line sent, end of data not yet", check.silence());
        SmtpWireReply end = smtp.sendRaw(".\r\n");
        if (!end.isComplete() || end.replyClass() < 2 || end.replyClass() == 3) {
            throw check.fail("end of data", "one 2yz, 4yz or 5yz reply", end.describe());
        }
        smtp.send("QUIT"); // one reply and no more: SMTP-DATA-OK watches that
        if (end.code() == 250) check.mailbox().await(account, message.id());
    }

    /* §4.1.1.4: the end of data is exactly CRLF "." CRLF; a NUL next to the dot makes it another line. */
    @Check(id = "SMTP-SMUG-NUL", level = Level.MUST, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
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
            smtp.greeted();
            boolean chunking = Extensions.keywords(smtp.ehlo().expectCode(250)).has("CHUNKING");
            smtp.quitQuietly();
            if (!chunking) check.skip("CHUNKING is not offered");
        }
        Smuggling.attempt(check, "\n.\n", Smuggling.BY_BDAT);
    }
}
