package io.mailharness.conformance.rfc5321;

import io.mailharness.client.Transcript;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.nexthop.NextHop;
import io.mailharness.conformance.nexthop.RelayedSession;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.protocol.DotStuffing;
import io.mailharness.settings.RelaySettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SMTP smuggling on the way out (catalogue §1.8, SMTP-SMUG-OUT): the target relays two messages to the harness's own
 * next hop ({@link NextHop}), which records what the target emits as a client. One message holds lines starting
 * with "." (sent stuffed, as any client does); the other holds a bare LF, a bare CR and end-of-data look-alikes, one
 * of them followed by a whole hidden transaction. RFC 5321 §2.3.8 forbids a client to send a bare CR or LF, and
 * §4.5.2 has it stuff every line starting with ".": so the next hop must get CRLF line ends only, each message whole
 * in one transaction, and nothing it reads as a command that the target did not mean as one.
 */
final class OutboundSmuggling {
    private OutboundSmuggling() {}

    /** The body of the dot-line message: each line starting with "." must reach the next hop stuffed. */
    private static final String DOT_LINES = ".\r\n..\r\n.x\r\nx.\r\n .\r\n...\r\n";

    /** The verbs a relay speaks to a next hop; any other command line is message data that escaped its DATA. */
    private static final Set<String> CLIENT_VERBS = Set.of("EHLO", "HELO", "MAIL", "RCPT", "DATA", "BDAT", "RSET", "NOOP", "QUIT",
            "STARTTLS", "AUTH", "XCLIENT", "XFORWARD");

    /**
     * A message the probe submitted, and what became of it at submission: accepted whole, or {@code partial}: the
     * target took its start as a message, having ended the data at a look-alike (inbound smuggling, the SMTP-SMUG-*
     * rows' business). Of a partial message only its line ends are judged: whatever part the target relays, it must
     * not send a bare CR or LF.
     */
    private record Submitted(String id, String endLine, boolean accepted, boolean partial, boolean hiddenRunByTarget) {
        boolean relayed() {
            return accepted || partial;
        }
    }

    static void relay(CheckContext check) {
        Optional<RelaySettings> configured = check.target().relay();
        if (configured.isEmpty()) {
            check.skip("no relay in the target settings: no domain is relayed to the harness's next hop "
                    + "(relay { domain = \"relay.mailharness.test\", next-hop-port = 2626 }, routed there by the target)");
        }
        RelaySettings relay = configured.get();
        NextHop hop;
        try {
            hop = NextHop.start(relay);
        } catch (IOException e) {
            check.skip("the harness's next hop cannot listen on " + relay.nextHop() + ": " + e.getMessage());
            return;
        }
        try (hop) {
            try {
                String run = Mailbox.newId(); // every identifier of this run starts with it
                judge(check, hop, run, submit(check, relay, run));
            } finally {
                List<Transcript> sessions = hop.transcripts();
                for (int i = 0; i < sessions.size(); i++) {
                    check.attachTranscript("next hop session " + (i + 1) + " (C: the target relaying, S: the harness's next hop)", sessions.get(i));
                }
            }
        }
    }

    /** Submits both messages; SKIP when the target takes neither. */
    private static List<Submitted> submit(CheckContext check, RelaySettings relay, String run) {
        Submitted dots = submitDotLines(check, relay, run + "-dots");
        Submitted bare = submitBareLineEnds(check, relay, run + "-bare", run + "-smuggled");
        if (!dots.relayed() && !bare.relayed()) {
            check.skip("the target refused both messages at submission, so nothing was relayed (refusing them is the inbound rows' business)");
        }
        return List.of(dots, bare);
    }

    private static Submitted submitDotLines(CheckContext check, RelaySettings relay, String id) {
        String recipient = id + "@" + relay.domain();
        String endLine = "end of " + id + "\r\n";
        byte[] content = ("Subject: SMTP-SMUG-OUT lines starting with a dot\r\n" + TestMessage.ID_HEADER + ": " + id + "\r\n\r\n"
                + DOT_LINES + endLine).getBytes(StandardCharsets.ISO_8859_1);
        SmtpProbe smtp = inData(check, recipient);
        SmtpWireReply end = smtp.content(content);
        smtp.quitQuietly();
        return new Submitted(id, endLine, accepted(check, id, end), false, false);
    }

    /**
     * The look-alikes go one write each, a silence window after each: a target that ends the data at one (inbound
     * smuggling, the SMTP-SMUG-* rows' business) is not sent the hidden transaction behind it, and its message is not
     * judged here.
     */
    private static Submitted submitBareLineEnds(CheckContext check, RelaySettings relay, String id, String smuggledId) {
        String recipient = id + "@" + relay.domain();
        String endLine = "end of " + id + "\r\n";
        String[] writes = {
                "Subject: SMTP-SMUG-OUT bare line ends\r\n" + TestMessage.ID_HEADER + ": " + id + "\r\n\r\n"
                        + "a bare LF\nand a bare CR\rin one line\r\nA\n.\n",
                "MAIL FROM:<smuggled@test.example>\r\nRCPT TO:<" + smuggledId + "@" + relay.domain() + ">\r\nDATA\r\n"
                        + "Subject: SMUGGLED " + smuggledId + "\r\n\r\nB\r\n.\n",
                "C\n.\r\n",
                "D\r.\r",
                "E\r\n" + endLine + ".\r\n"};
        SmtpProbe smtp = inData(check, recipient);
        for (int i = 0; i < writes.length - 1; i++) {
            smtp.write(writes[i]);
            Optional<byte[]> early = smtp.connection().awaitAnyOctets(check.silence());
            if (early.isPresent()) {
                String reply = new String(early.get(), StandardCharsets.ISO_8859_1);
                boolean taken = reply.startsWith("2");
                check.observe("submission of " + id + ": the target answered " + visible(reply.strip()) + " right after "
                        + visible(writes[i].substring(Math.max(0, writes[i].length() - 6))) + ", before the real end of data: "
                        + (taken ? "it ended the data at a look-alike and took what came before as a message" : "it refused the message")
                        + " (the inbound rows judge that); the rest was not sent"
                        + (taken ? ", and of what the next hop gets of it only the line ends are judged" : ""));
                smtp.quitQuietly();
                // past the first write the hidden transaction had gone too: the target ran it itself (inbound)
                return new Submitted(id, endLine, false, taken, i > 0);
            }
        }
        SmtpWireReply end = smtp.sendRaw(writes[writes.length - 1]);
        smtp.quitQuietly();
        return new Submitted(id, endLine, accepted(check, id, end), false, false);
    }

    /** A fresh transaction to {@code recipient}, up to the message data; SKIP when the target does not relay there. */
    private static SmtpProbe inData(CheckContext check, String recipient) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        check.preamble(() -> smtp.mail(check.sender()).expectCode(250));
        SmtpWireReply rcpt = smtp.rcpt(recipient);
        if (rcpt.replyClass() != 2) {
            smtp.quitQuietly();
            check.skip("the target does not relay to " + recipient + " for this client: " + rcpt.describe()
                    + " (relay.domain must be routed to the harness's next hop and relayed for this client)");
        }
        check.preamble(() -> smtp.send("DATA").expectCode(354));
        return smtp;
    }

    private static boolean accepted(CheckContext check, String id, SmtpWireReply end) {
        if (end.code() == 250) return true;
        check.observe("submission of " + id + ": refused at the end of data with " + end.describe()
                + " (refusing is the inbound rows' business; this message is not judged)");
        return false;
    }

    private static void judge(CheckContext check, NextHop hop, String run, List<Submitted> submitted) {
        List<Submitted> relayed = submitted.stream().filter(Submitted::relayed).toList();
        boolean arrived = hop.await(sessions -> relayed.stream().allMatch(m -> transactionsOf(sessions, m.id()).stream()
                .anyMatch(RelayedSession.Transaction::ended)), check.deliveryWait());
        if (!arrived) {
            String missing = relayed.stream().filter(m -> transactionsOf(hop.sessions(), m.id()).isEmpty()).map(Submitted::id).findFirst()
                    .orElse(relayed.get(0).id());
            throw check.fail("wait at the next hop for " + missing, "the relayed message within " + check.deliveryWait().toMillis() + " ms",
                    "it did not arrive whole (is the relay domain routed to the next hop's address?)");
        }
        // anything smuggled comes behind the message in the same session: wait for the relay to end its sessions
        hop.await(sessions -> sessions.stream().allMatch(RelayedSession::closed), check.silence());
        List<RelayedSession> sessions = hop.sessions();
        for (Submitted message : relayed) judgeMessage(check, sessions, message);
        judgeTransactions(check, sessions, run, submitted);
        judgeCommands(check, sessions, run);
    }

    /** One message: whole (its last line last), CRLF line ends only, and after un-stuffing exactly as sent (the dot lines). */
    private static void judgeMessage(CheckContext check, List<RelayedSession> sessions, Submitted message) {
        List<RelayedSession.Transaction> carrying = transactionsOf(sessions, message.id());
        RelayedSession.Transaction transaction = carrying.get(0);
        String data = transaction.dataText();
        String step = "next hop: the data of " + message.id();
        if (message.partial()) {
            judgeLineEnds(check, step, transaction);
            check.observe("next hop got the part of " + message.id() + " the target took, CRLF line ends only: its body came as " + visible(body(data)));
            return;
        }
        if (!data.endsWith(message.endLine())) {
            throw check.fail(step, "the whole message, its last line " + visible(message.endLine()) + " last before CRLF.CRLF",
                    "the data ended early, after " + visible(tail(data, 40)) + " (a line end the target emitted made an end of data out of a look-alike or an unstuffed '.' line)");
        }
        judgeLineEnds(check, step, transaction);
        String body = body(new String(DotStuffing.unstuff(transaction.data()), StandardCharsets.ISO_8859_1));
        if (message.id().endsWith("-dots")) {
            String sent = DOT_LINES + message.endLine();
            if (!body.equals(sent) && body.equals(new String(DotStuffing.stuff(sent.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1))) {
                // the relay stuffed what the target held; the target had kept the submission's stuffing
                check.observe("the target relayed " + message.id() + " with the submission's stuffing still in it, stuffed once more: "
                        + "it did not un-stuff what it received (SMTP-DATA-DOTSTUFF judges that); the relay's own stuffing is right");
            } else if (!body.equals(sent)) {
                throw check.fail(step, "after un-stuffing, the body as sent: " + visible(sent) + " (RFC 5321 §4.5.2)",
                        "wrong dot-stuffing: relayed " + visible(body(data)) + ", which un-stuffs to " + visible(body));
            }
            check.observe("next hop got " + message.id() + " whole in one transaction, CRLF line ends only, its body stuffed as "
                    + visible(body(data)));
        } else {
            if (!body.contains("MAIL FROM:<smuggled@test.example>")) {
                throw check.fail(step, "the hidden MAIL/RCPT/DATA lines kept inside the message", "they are missing from it: " + visible(body));
            }
            check.observe("next hop got " + message.id() + " whole in one transaction, CRLF line ends only: its body came as " + visible(body(data)));
        }
    }

    private static void judgeLineEnds(CheckContext check, String step, RelayedSession.Transaction transaction) {
        int bare = bareLineEnd(transaction.data());
        if (bare >= 0) {
            throw check.fail(step, "CRLF line ends only (RFC 5321 §2.3.8: a client MUST NOT send a bare CR or LF)",
                    "a bare " + (transaction.data()[bare] == '\n' ? "LF" : "CR") + " at octet " + bare + ": " + visible(around(transaction.dataText(), bare)));
        }
    }

    /** Exactly one transaction per relayed message: nothing the target relayed may start a transaction of its own. */
    private static void judgeTransactions(CheckContext check, List<RelayedSession> sessions, String run, List<Submitted> submitted) {
        for (RelayedSession session : sessions) {
            for (RelayedSession.Transaction transaction : session.transactions()) {
                if (!transaction.carries(run)) continue; // mail from an earlier run, still in the target's queue
                Optional<Submitted> own = submitted.stream().filter(m -> transaction.dataText().contains(TestMessage.ID_HEADER + ": " + m.id())).findFirst();
                if (own.isEmpty() && submitted.stream().anyMatch(Submitted::hiddenRunByTarget)) {
                    check.observe("next hop session " + session.number() + ": the smuggled transaction " + visible(transaction.mailFrom())
                            + " arrived as its own message: the target had run the hidden commands at submission (inbound smuggling, the SMTP-SMUG-* rows' business)");
                    continue;
                }
                if (own.isEmpty()) {
                    throw check.fail("next hop session " + session.number() + ": transactions", "one transaction per relayed message",
                            "an extra transaction " + visible(transaction.mailFrom()) + " " + visible(String.join(" ", transaction.rcptTo()))
                                    + ": commands hidden in a relayed message after a look-alike were sent as commands (outbound SMTP smuggling)");
                }
                if (own.get().relayed() && transactionsOf(sessions, own.get().id()).size() > 1) {
                    throw check.fail("next hop: transactions carrying " + own.get().id(), "one transaction",
                            transactionsOf(sessions, own.get().id()).size() + " transactions");
                }
            }
        }
    }

    /** In a session that carried this run's mail, every command line is a command: no message line escaped its DATA. */
    private static void judgeCommands(CheckContext check, List<RelayedSession> sessions, String run) {
        for (RelayedSession session : sessions) {
            if (session.transactions().stream().noneMatch(t -> t.carries(run))) continue;
            for (String command : session.commands()) {
                if (!CLIENT_VERBS.contains(RelayedSession.verb(command))) {
                    throw check.fail("next hop session " + session.number() + ": commands", "SMTP commands only, every message line inside its DATA",
                            visible(command) + " came as a command line: the data had ended early");
                }
            }
        }
    }

    private static List<RelayedSession.Transaction> transactionsOf(List<RelayedSession> sessions, String id) {
        List<RelayedSession.Transaction> found = new ArrayList<>();
        for (RelayedSession session : sessions) {
            for (RelayedSession.Transaction t : session.transactions()) if (t.dataText().contains(TestMessage.ID_HEADER + ": " + id)) found.add(t);
        }
        return found;
    }

    /** The index of the first CR not followed by LF or LF not after CR, or -1. */
    static int bareLineEnd(byte[] octets) {
        for (int i = 0; i < octets.length; i++) {
            if (octets[i] == '\r' && (i + 1 == octets.length || octets[i + 1] != '\n')) return i;
            if (octets[i] == '\n' && (i == 0 || octets[i - 1] != '\r')) return i;
        }
        return -1;
    }

    /** What follows the header section (the first empty line); the whole text when there is none. */
    private static String body(String message) {
        int blank = message.indexOf("\r\n\r\n");
        return blank < 0 ? message : message.substring(blank + 4);
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 20));
    }

    private static String tail(String text, int n) {
        return text.substring(Math.max(0, text.length() - n));
    }

    private static String visible(String text) {
        return Transcript.visible(text);
    }
}
