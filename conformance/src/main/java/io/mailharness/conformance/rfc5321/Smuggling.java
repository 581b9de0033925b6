package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.StoredMessages;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The SMTP smuggling probe (catalogue §1.8): a message whose body holds an end-of-data look-alike followed by a
 * second transaction. Verdict: a reply before the real CRLF.CRLF, or a delivered smuggled message, FAILs; a
 * 5yz/421 refusal or one message holding the smuggled text passes (raw bare line ends: WARN).
 */
final class Smuggling {
    private Smuggling() {}

    /** What hides behind the look-alike: a whole second transaction, its message included. */
    interface Hidden {
        /** The commands and message octets for {@code recipient}; {@code message} is the smuggled message. */
        String transaction(String recipient, String message);
    }

    /** The hidden transaction of catalogue §1.8: MAIL, RCPT, DATA and the message. */
    static final Hidden BY_DATA = (recipient, message) ->
            "MAIL FROM:<smuggled@test.example>\r\nRCPT TO:<" + recipient + ">\r\nDATA\r\n" + message;

    /** The same in lower case with BDAT (RFC 3030): the message is one LAST chunk, so no end-of-data line is needed. */
    static final Hidden BY_BDAT = (recipient, message) ->
            "mail from:<smuggled@test.example>\r\nrcpt to:<" + recipient + ">\r\nbdat " + message.length() + " last\r\n" + message;

    static void attempt(CheckContext check, String lookAlike) {
        attempt(check, lookAlike, BY_DATA);
    }

    static void attempt(CheckContext check, String lookAlike, Hidden hidden) {
        Started started = start(check, lookAlike, hidden);
        if (refusedEarly(check, started, "after a body holding " + visible(lookAlike) + " (before the real end of data)", check.silence())) return;
        finish(check, started);
    }

    /**
     * Several look-alikes, each on its own connection, watched for early replies in one shared silence window
     * (every connection has had the whole window once the first is done), then each finished and judged.
     */
    static void attempts(CheckContext check, String... lookAlikes) {
        List<Started> all = new ArrayList<>();
        for (String lookAlike : lookAlikes) all.add(start(check, lookAlike, BY_DATA));
        long deadline = System.nanoTime() + check.silence().toNanos();
        List<Started> going = new ArrayList<>();
        for (Started started : all) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            if (!refusedEarly(check, started, "after a body holding " + visible(started.lookAlike()) + " (before the real end of data; watched "
                    + check.silence().toMillis() + " ms with the other look-alikes)", left)) going.add(started);
        }
        for (Started started : going) finish(check, started);
    }

    /**
     * Watches for octets before the real end of data. Nothing: the look-alike was data. One refusal (421 or 5yz)
     * and nothing after it: the server rejected the bare line end (Sendmail's "421 Bare linefeed (LF) not allowed"),
     * which conforms. Anything else, such as replies to the smuggled commands, FAILs.
     */
    private static boolean refusedEarly(CheckContext check, Started started, String step, Duration window) {
        java.util.Optional<byte[]> early = started.smtp().connection().awaitAnyOctets(window);
        if (early.isEmpty()) return false;
        String octets = new String(early.get(), StandardCharsets.ISO_8859_1);
        boolean oneLine = octets.endsWith("\r\n") && octets.indexOf("\r\n") == octets.length() - 2;
        boolean refusal = octets.length() >= 4 && (octets.startsWith("421") || octets.charAt(0) == '5') && octets.charAt(3) == ' ';
        if (oneLine && refusal) {
            check.observe(step + ": refused at once with " + io.mailharness.client.Transcript.visible(octets.strip()) + ", nothing smuggled");
            started.smtp().quitQuietly();
            return true;
        }
        throw check.fail(step, "no reply yet (nothing within " + window.toMillis() + " ms), or one 421/5yz refusal", io.mailharness.client.Transcript.visible(octets));
    }

    /** A transaction whose payload has been written, the real end of data not yet. */
    private record Started(SmtpProbe smtp, Account account, String lookAlike, String id, String smuggledId) {}

    private static Started start(CheckContext check, String lookAlike, Hidden hidden) {
        Account account = check.disposableAccount();
        String id = Mailbox.newId();
        String smuggledId = id + "-smuggled";
        check.mailbox().remember(account, id);
        check.mailbox().remember(account, smuggledId);
        String payload = "Subject: T\r\n" + TestMessage.ID_HEADER + ": " + id + "\r\n\r\nA" + lookAlike
                + hidden.transaction(account.address(), "Subject: SMUGGLED\r\n" + TestMessage.ID_HEADER + ": " + smuggledId + "\r\n\r\nB\r\n");
        SmtpProbe smtp = check.smtpInData(account);
        smtp.write(payload);
        return new Started(smtp, account, lookAlike, id, smuggledId);
    }

    private static void finish(CheckContext check, Started started) {
        SmtpProbe smtp = started.smtp();
        Account account = started.account();
        String id = started.id();
        String smuggledId = started.smuggledId();
        SmtpWireReply end = smtp.sendRaw("\r\n.\r\n");
        if (end.isComplete() && (end.replyClass() == 5 || end.code() == 421)) {
            smtp.quitQuietly();
            return; // refused: conforming
        }
        end.expectCode(250);
        smtp.quitQuietly();
        Mailbox.Found found = check.mailbox().await(account, id);
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        if (check.mailbox().find(pop3, smuggledId).isPresent()) {
            throw check.fail("look for the smuggled message", "no message with Subject: SMUGGLED", "it was delivered as its own message");
        }
        pop3.send("QUIT");
        String body = new String(found.octets(), StandardCharsets.ISO_8859_1);
        if (!body.toLowerCase(java.util.Locale.ROOT).contains("mail from:<smuggled@test.example>")) {
            boolean cutAtDot = !found.retr().body().isEmpty()
                    && found.retr().body().get(found.retr().body().size() - 1).ending() == io.mailharness.conformance.wire.WireLine.Ending.BARE_LF;
            throw check.fail("RETR " + found.number(), "the smuggled lines kept inside the one message",
                    cutAtDot ? "RETR ended at a '.' line that followed a bare LF: the message was stored raw and the '.' "
                            + "was not byte-stuffed on the way out (RFC 1939 §3), the rest leaked into the next response"
                            : "they are missing");
        }
        if (StoredMessages.hasBareLineEnd(found.octets())) {
            check.warn("RETR " + found.number(), "the bare line ends refused, or made CRLF or SP", "stored raw (a bare CR or LF is in the message)");
        }
    }

    static void bareLineEnd(CheckContext check, String bare) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "bare line end", ("a" + bare + "b\r\n").getBytes(StandardCharsets.ISO_8859_1));
        SmtpProbe smtp = check.smtpInData(account);
        SmtpWireReply end = smtp.content(message.content());
        if (end.isComplete() && (end.replyClass() == 5 || end.code() == 421)) {
            smtp.quitQuietly();
            return; // refused: conforming
        }
        end.expectCode(250);
        smtp.quitQuietly();
        Mailbox.Found found = check.mailbox().await(account, message.id());
        String body = new String(found.octets(), StandardCharsets.ISO_8859_1);
        if (body.contains("a" + bare + "b\r\n")) {
            check.warn("RETR " + found.number(), "the bare " + visible(bare) + " refused, or made CRLF or SP", "stored raw");
        } else if (!body.contains("a\r\nb\r\n") && !body.contains("a b\r\n")) {
            throw check.fail("RETR " + found.number(), "'a" + visible(bare) + "b' stored raw, as a\\r\\nb or as 'a b'", "neither: the line was changed otherwise or split");
        }
    }

    private static String visible(String text) {
        return io.mailharness.client.Transcript.visible(text);
    }
}
