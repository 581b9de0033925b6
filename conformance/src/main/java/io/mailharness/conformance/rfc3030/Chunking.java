package io.mailharness.conformance.rfc3030;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.check.StoredMessages;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

@Section(rfc = "3030", number = "2", title = "Framework for the Chunking Extension")
public class Chunking {
    /** Six octets that would be an unknown command if a server read a chunk as command lines. */
    private static final String CHUNK_AS_COMMAND = "XYZZ\r\n";

    /*
     * §2: BDAT <size> carries exactly <size> octets, with no dot-stuffing and no end-of-data line; each chunk is
     * answered (250) and the last one (BDAT 0 LAST allowed) ends the message, which is stored as sent.
     */
    @Check(id = "SMTP-BDAT-OK", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "BDAT chunks (one holding CRLF.CRLF and '..' lines) and BDAT 0 LAST get 250; the message is stored byte for byte")
    void chunksStoredAsSent(CheckContext check) {
        Account account = check.disposableAccount();
        byte[] body = "first line\r\n.\r\n..two dots, not stuffed\r\n.\r\nlast line\r\n".getBytes(StandardCharsets.US_ASCII);
        TestMessage message = check.mailbox().message(account, "BDAT", body);
        Extensions.Session session = Extensions.offering(check, "CHUNKING");
        SmtpProbe smtp = session.smtp();
        smtp.openTransaction(check.sender(), account.address());
        bdat(smtp, message.content(), false).expectCode(250);
        smtp.send("BDAT 0 LAST").expectCode(250);
        smtp.send("QUIT");
        check.mailbox().await(account, message.id()).expectBodyHolds(message.content()); // the chunk octets, no dot handling
    }

    /*
     * §2: a BDAT after the LAST chunk, a DATA after BDAT, and a BDAT without an accepted recipient MUST get 503; the
     * refused chunk's octets are still read (they are never taken for commands), so the session stays in step.
     */
    @Check(id = "SMTP-BDAT-SEQ", level = Level.MUST, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "BDAT after BDAT LAST, DATA after BDAT, BDAT without RCPT get 503; the refused chunk is consumed (NOOP then 250)")
    void outOfSequence(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "BDAT LAST", "one chunk\r\n".getBytes(StandardCharsets.US_ASCII));
        Extensions.Session session = Extensions.offering(check, "CHUNKING");
        SmtpProbe smtp = session.smtp();
        smtp.openTransaction(check.sender(), account.address());
        bdat(smtp, message.content(), true).expectCode(250);
        bdat(smtp, CHUNK_AS_COMMAND.getBytes(StandardCharsets.US_ASCII), false).expectCode(503);
        smtp.expectSilence("after the refused chunk (its octets are data, never commands)", check.silence());
        smtp.expectSessionGoesOn("afterwards");
        smtp.send("QUIT");

        SmtpProbe second = check.smtpAfterEhlo();
        second.openTransaction(check.sender(), account.address());
        bdat(second, CHUNK_AS_COMMAND.getBytes(StandardCharsets.US_ASCII), false).expectCode(250);
        second.send("DATA").expectCode(503);
        second.quitQuietly();
        second = Extensions.offering(check, "CHUNKING").smtp(); // a fresh session: RSET is the RSET rows' business
        second.mail(check.sender()).expectCode(250);
        // No RCPT yet: RFC 5321 §3.3 lets DATA get 503 or 554 ("no valid recipients") here; BDAT gets the same latitude.
        bdat(second, CHUNK_AS_COMMAND.getBytes(StandardCharsets.US_ASCII), true).expectCode(503, 554);
        second.expectSilence("after the refused chunk (its octets are data, never commands)", check.silence());
        second.expectSessionGoesOn("afterwards");
        second.send("QUIT");
        check.mailbox().await(account, message.id());
    }

    /*
     * §2: "The RSET command, when issued after the first BDAT and before the BDAT LAST, clears all segments sent during
     * that transaction and resets the session"; RFC 5321 §4.1.1.5: RSET is answered 250. A new transaction then
     * starts: MAIL is not refused as nested. Nothing is delivered (the second transaction ends with RSET too).
     */
    @Check(id = "SMTP-BDAT-RSET", level = Level.MUST,
            requirement = "RSET after a BDAT chunk that is not LAST gets 250 and ends the transaction: MAIL and RCPT then get 250")
    void resetBetweenChunks(CheckContext check) {
        Account account = check.account();
        SmtpProbe smtp = Extensions.offering(check, "CHUNKING").smtp();
        smtp.openTransaction(check.sender(), account.address());
        bdat(smtp, CHUNK_AS_COMMAND.getBytes(StandardCharsets.US_ASCII), false).expectCode(250);
        smtp.send("RSET").expectCode(250);
        smtp.mail(check.sender()).expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.send("RSET");
        smtp.quitQuietly();
    }

    /** {@code BDAT n [LAST]} and the n octets in one write; reads the reply. */
    private static SmtpWireReply bdat(SmtpProbe smtp, byte[] chunk, boolean last) {
        String command = "BDAT " + chunk.length + (last ? " LAST" : "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(chunk);
        smtp.write(out.toByteArray());
        return smtp.readReply(command + " + " + chunk.length + " octets");
    }
}
