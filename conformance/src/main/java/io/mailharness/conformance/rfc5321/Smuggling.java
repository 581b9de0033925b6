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
 * second transaction, sent in one write and, on another connection, with the look-alike in its own write. Verdict:
 * a reply before the real CRLF.CRLF (other than a refusal of the bare line end itself), or a delivered smuggled
 * message, FAILs; a refusal at the end of data or one message holding the smuggled text passes (raw bare line ends:
 * WARN).
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

    /** How the payload goes out: a look-alike must not end the data whichever way the octets arrive. */
    enum Writes {
        /** The whole payload in one write (a server may see the smuggled commands buffered behind the look-alike). */
        ONE("in one write"),
        /** The body up to the look-alike in one write, the hidden transaction after a pause (nothing buffered). */
        SPLIT("the look-alike in its own write, the hidden transaction after a pause");

        private final String description;

        Writes(String description) {
            this.description = description;
        }
    }

    static void attempt(CheckContext check, String lookAlike) {
        attempts(check, BY_DATA, lookAlike);
    }

    static void attempt(CheckContext check, String lookAlike, Hidden hidden) {
        attempts(check, hidden, lookAlike);
    }

    static void attempts(CheckContext check, String... lookAlikes) {
        attempts(check, BY_DATA, lookAlikes);
    }

    /**
     * Each look-alike both ways ({@link Writes}), each on its own connection, watched for early replies in shared
     * silence windows (every connection has had the whole window once the first is done); then each is finished
     * with the real end of data and judged ({@link #finish}).
     */
    static void attempts(CheckContext check, Hidden hidden, String... lookAlikes) {
        List<Started> all = new ArrayList<>();
        for (String lookAlike : lookAlikes) {
            for (Writes writes : Writes.values()) all.add(start(check, lookAlike, hidden, writes));
        }
        List<Started> going = watch(check, all, "after");
        List<Started> split = new ArrayList<>();
        for (Started started : going) {
            if (started.writes() == Writes.SPLIT) {
                started.smtp().write(started.hiddenPart());
                split.add(started);
            }
        }
        List<Started> splitGoing = watch(check, split, "after the hidden transaction that followed");
        finish(check, going.stream().filter(started -> started.writes() == Writes.ONE || splitGoing.contains(started)).toList());
    }

    /** Watches every started attempt for octets within one shared window; returns those still silent. */
    private static List<Started> watch(CheckContext check, List<Started> started, String when) {
        long deadline = System.nanoTime() + check.silence().toNanos();
        List<Started> silent = new ArrayList<>();
        for (Started attempt : started) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            String step = when + " a body holding " + visible(attempt.lookAlike()) + " (" + attempt.writes().description
                    + "; before the real end of data)";
            if (!refusedEarly(check, attempt, step, left)) silent.add(attempt);
        }
        return silent;
    }

    /**
     * Watches for octets before the real end of data. Nothing: the look-alike was data. A refusal of the bare line
     * end itself (one 421/5yz line that names it, such as Sendmail's "421 4.5.0 Bare linefeed (LF) not allowed",
     * with nothing accepted before it) conforms. Any other reply FAILs: a 250 means the look-alike ended the data,
     * and a refusal of the smuggled commands (a pipelining guard's "500 5.5.1 Invalid command") means so too.
     */
    private static boolean refusedEarly(CheckContext check, Started started, String step, Duration window) {
        java.util.Optional<byte[]> early = started.smtp().connection().awaitAnyOctets(window);
        if (early.isEmpty()) return false;
        String octets = new String(early.get(), StandardCharsets.ISO_8859_1);
        if (refusesBareLineEnd(octets)) {
            check.observe(step + ": refused at once with " + visible(octets.strip()) + ", nothing smuggled");
            started.smtp().quitQuietly();
            return true;
        }
        throw check.fail(step, "no reply yet (nothing within " + window.toMillis() + " ms), or one 421/5yz refusal of the bare line end",
                visible(octets));
    }

    private static final java.util.regex.Pattern NAMES_BARE_LINE_END = java.util.regex.Pattern.compile(
            "(?i).*(bare|\\bLF\\b|\\bCR\\b|<LF>|<CR>|line ?feed|carriage return|new ?line|line end|line terminat).*");

    /** One complete reply line, 421 or 5yz, whose text is about the bare line end. */
    static boolean refusesBareLineEnd(String octets) {
        boolean oneLine = octets.endsWith("\r\n") && octets.indexOf("\r\n") == octets.length() - 2;
        if (!oneLine || octets.length() < 5 || octets.charAt(3) != ' ') return false;
        boolean refusal = octets.startsWith("421") || octets.charAt(0) == '5';
        return refusal && NAMES_BARE_LINE_END.matcher(octets.substring(4).strip()).matches();
    }

    /** A transaction whose payload has been written (the hidden part too, unless split), the real end of data not yet. */
    private record Started(SmtpProbe smtp, Account account, String lookAlike, Writes writes, String hiddenPart, String id, String smuggledId) {}

    private static Started start(CheckContext check, String lookAlike, Hidden hidden, Writes writes) {
        Account account = check.disposableAccount();
        String id = Mailbox.newId();
        String smuggledId = id + "-smuggled";
        check.mailbox().remember(account, id);
        check.mailbox().remember(account, smuggledId);
        check.smuggledMessages().hidden(smuggledId, check.metadata().id());
        String body = "Subject: T\r\n" + TestMessage.ID_HEADER + ": " + id + "\r\n\r\nA" + lookAlike;
        String hiddenPart = hidden.transaction(account.address(), Mailbox.SMUGGLED + "\r\n" + TestMessage.ID_HEADER + ": " + smuggledId + "\r\n\r\nB\r\n");
        SmtpProbe smtp = check.smtpInData(account);
        smtp.write(writes == Writes.ONE ? body + hiddenPart : body);
        return new Started(smtp, account, lookAlike, writes, hiddenPart, id, smuggledId);
    }

    /**
     * Sends the real end of data on every connection and reads each reply, then waits once for every accepted
     * message and looks once for every smuggled one (a maildrop holds them all), and judges each attempt in turn: a
     * refusal at the end of data conforms; otherwise the one message must hold the smuggled lines and no smuggled
     * message may have been delivered. The wait stops at the first attempt whose reply is neither, which is judged
     * there.
     */
    private static void finish(CheckContext check, List<Started> going) {
        List<SmtpWireReply> ends = new ArrayList<>();
        for (Started started : going) {
            ends.add(started.smtp().sendRaw("\r\n.\r\n"));
            started.smtp().quitQuietly();
        }
        List<Started> accepted = new ArrayList<>();
        for (int i = 0; i < going.size(); i++) {
            if (refused(ends.get(i))) continue;
            if (!ends.get(i).isComplete() || ends.get(i).code() != 250) break;
            accepted.add(going.get(i));
        }
        java.util.Map<Started, Mailbox.Found> found = new java.util.HashMap<>();
        java.util.Set<String> smuggled = java.util.Set.of();
        if (!accepted.isEmpty()) {
            Account account = accepted.get(0).account();
            List<Mailbox.Found> all;
            try {
                all = check.mailbox().awaitAll(account, accepted.stream().map(Started::id).toList());
            } catch (org.opentest4j.TestAbortedException missing) {
                judgeInTurn(check, going, ends); // judges what came before the message that did not, then blocks there
                return;
            }
            for (int i = 0; i < accepted.size(); i++) found.put(accepted.get(i), all.get(i));
            try (Pop3Probe pop3 = check.pop3LoggedIn(account)) {
                smuggled = Mailbox.present(pop3, accepted.stream().map(Started::smuggledId).toList());
                pop3.send("QUIT");
            }
        }
        for (int i = 0; i < going.size(); i++) {
            if (refused(ends.get(i))) continue; // refused: conforming
            ends.get(i).expectCode(250);
            judge(check, found.get(going.get(i)), smuggled.contains(going.get(i).smuggledId()));
        }
    }

    /**
     * The slow way, when a message did not arrive within the wait: each attempt in turn waits for its own message
     * and looks for its smuggled one, so an earlier attempt is still judged before a later one blocks the row.
     */
    private static void judgeInTurn(CheckContext check, List<Started> going, List<SmtpWireReply> ends) {
        for (int i = 0; i < going.size(); i++) {
            if (refused(ends.get(i))) continue;
            ends.get(i).expectCode(250);
            Started started = going.get(i);
            Mailbox.Found found = check.mailbox().await(started.account(), started.id());
            boolean smuggled;
            try (Pop3Probe pop3 = check.pop3LoggedIn(started.account())) {
                smuggled = !Mailbox.present(pop3, List.of(started.smuggledId())).isEmpty();
                pop3.send("QUIT");
            }
            judge(check, found, smuggled);
        }
    }

    private static boolean refused(SmtpWireReply end) {
        return end.isComplete() && (end.replyClass() == 5 || end.code() == 421);
    }

    private static void judge(CheckContext check, Mailbox.Found found, boolean smuggledDelivered) {
        if (smuggledDelivered) {
            throw check.fail("look for the smuggled message", "no message with Subject: SMUGGLED", "it was delivered as its own message");
        }
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
