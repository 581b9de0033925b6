package io.mailharness.conformance.check;

import io.mailharness.conformance.wire.CheckFailure;
import io.mailharness.conformance.wire.MessageHeaders;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.message.TestMessage;
import io.mailharness.settings.Account;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.pollinterval.IterativePollInterval;
import org.awaitility.pollinterval.PollInterval;
import org.awaitility.core.ConditionTimeoutException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Delivery by SMTP and retrieval by POP3 for the checks that change a maildrop: builds messages that carry
 * a harness id, delivers them, waits (Awaitility, bounded) until POP3 shows them, and deletes them again when
 * the check ends. Only accounts the settings mark disposable are touched.
 */
public final class Mailbox {
    /**
     * How soon a waiting check looks into a maildrop again: after 100 ms, then twice as long each time up to 1 s. A
     * POP3 session locks an mbox maildrop, and a delivery agent that finds it locked retries only a second later
     * (Postfix local(8)), so looking every 100 ms would keep the message out.
     */
    private static final PollInterval LOOK_AGAIN = new IterativePollInterval(
            previous -> previous.multipliedBy(2).compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : previous.multipliedBy(2),
            Duration.ofMillis(100));

    /**
     * A bounded wait that looks into a maildrop at once, then {@link #LOOK_AGAIN}. A thread that dies elsewhere in the
     * JVM meanwhile (an embedded server's, on another check's probe) is not this wait's failure: Awaitility would
     * otherwise rethrow it here. Each look runs in the waiting thread: on a pool thread, a look still under way when
     * the wait timed out went on behind the check's back and rewrote what the check then judged (a WARN naming no late
     * message). A look is bounded by its probe's own deadlines, so the wait can pass {@code atMost} by one look at most.
     */
    public static ConditionFactory looking(String alias, Duration atMost) {
        return Awaitility.await(alias).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(LOOK_AGAIN).pollInSameThread()
                .dontCatchUncaughtExceptions();
    }

    /** Largest maildrop scanned for a message, so a full test account cannot make a check run forever. */
    private static final int MAX_SCAN = 500;

    /** A message found in a maildrop: its number in that session, LIST size, and the RETR response. */
    public record Found(int number, long listedSize, Pop3Response retr) {
        /** The message octets: RETR body with byte-stuffing removed. */
        public byte[] octets() {
            return retr.unstuffedBody();
        }

        /** Fails unless the stored message is the sent one after trace header fields the server added (RFC 5321 §4.4). */
        public Found expectSentAfterTraceFields(byte[] sent) {
            byte[] stored = octets();
            if (!StoredMessages.holdsAfterTraceFields(stored, sent)) {
                throw new CheckFailure("RETR " + number, "the message as sent, after the trace fields (" + sent.length + " octets)",
                        stored.length + " octets: " + StoredMessages.difference(stored, sent));
            }
            return this;
        }

        /**
         * Fails unless the stored body begins with the sent body octet for octet: for rows about what happens to
         * the sent lines (dot-stuffing, long lines, 8-bit octets). Header rewriting and octets added after the body
         * are other rows' business (SMTP-DATA-NOEXTRA, E2E-ROUNDTRIP).
         */
        public Found expectBodyHolds(byte[] sentMessage) {
            byte[] stored = MessageHeaders.body(octets());
            byte[] sent = MessageHeaders.body(sentMessage);
            if (stored.length < sent.length || !java.util.Arrays.equals(stored, 0, sent.length, sent, 0, sent.length)) {
                throw new CheckFailure("RETR " + number, "the body as sent (" + sent.length + " octets)",
                        stored.length + " octets: " + StoredMessages.difference(stored, sent));
            }
            return this;
        }

        /**
         * Fails unless the stored body (after the first empty line) is the sent body octet for octet, nothing
         * added: the rule of SMTP-DATA-NOEXTRA. Header rewriting is another row's business.
         */
        public Found expectBodyAsSent(byte[] sentMessage) {
            byte[] stored = MessageHeaders.body(octets());
            byte[] sent = MessageHeaders.body(sentMessage);
            if (!java.util.Arrays.equals(stored, sent)) {
                throw new CheckFailure("RETR " + number, "the body as sent (" + sent.length + " octets)",
                        stored.length + " octets: " + StoredMessages.difference(stored, sent));
            }
            return this;
        }
    }

    private final CheckContext check;
    private final Map<String, Set<String>> delivered = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();

    Mailbox(CheckContext check) {
        this.check = check;
    }

    /** A new id for a message. */
    public static String newId() {
        return "mh-" + UUID.randomUUID();
    }

    /**
     * A message with headers (Date, From, To, Subject, Message-ID, the harness id) and the given body octets.
     * Every header RFC 5322 requires is there, so a server has no reason to add any (Postfix adds a missing
     * Date for local clients, which would look like an altered message). The message is remembered for
     * clean-up, so whatever the check does with it, it does not outlive the check.
     */
    public synchronized TestMessage message(Account to, String subject, byte[] body) { // the load model's senders share it
        String id = newId();
        remember(to, id);
        return compose(to, id, subject, body);
    }

    private TestMessage compose(Account to, String id, String subject, byte[] body) {
        String headers = "Date: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)) + "\r\n"
                + "From: <conformance@" + check.domain() + ">\r\n"
                + "To: <" + to.address() + ">\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + id + "@mailharness>\r\n"
                + TestMessage.ID_HEADER + ": " + id + "\r\n"
                + "\r\n";
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(headers.getBytes(StandardCharsets.US_ASCII));
        content.writeBytes(body);
        return new TestMessage(id, content.toByteArray());
    }

    /**
     * Delivers by SMTP (EHLO, MAIL, RCPT, DATA, each expected to succeed) and remembers it for clean-up. A step that
     * fails blocks the check (the SMTP rows judge those steps).
     */
    public void deliver(Account to, TestMessage message) {
        remember(to, message.id());
        check.preamble(() -> {
            transaction(to, message);
            return null;
        });
    }

    private void transaction(Account to, TestMessage message) {
        SmtpProbe smtp = check.smtp();
        smtp.greeted();
        smtp.ehlo().expectCode(250);
        // A submission listener may demand STARTTLS and AUTH before MAIL (RFC 3207 §4, RFC 4954): its 530 blocks the check
        smtp.mail("conformance@" + check.domain()).expectCode(250);
        smtp.rcpt(to.address()).expectCode(250, 251);
        smtp.data();
        smtp.content(message.content()).expectCode(250);
        smtp.quitQuietly();
    }

    /**
     * Delivers one message to {@code to} and waits until it shows up, without remembering it for clean-up: it stays for
     * the read-only rows that need a message in the primary maildrop ({@link CheckContext#accountWithMessage}). It
     * carries a harness id, so a check that later starts clean on that maildrop removes it.
     */
    void seed(Account to) {
        TestMessage message = compose(to, newId(), "message for the read-only rows", "kept for the rows that read message 1\r\n".getBytes(StandardCharsets.US_ASCII));
        check.preamble(() -> {
            transaction(to, message);
            return null;
        });
        await(to, message.id());
    }

    /** Remembers a message delivered by the check itself, so clean-up removes it. */
    public synchronized void remember(Account to, String id) {
        if (!to.disposable()) throw CheckContext.skipped("account " + to.address() + " is not marked disposable in the target settings");
        accounts.put(to.address(), to);
        delivered.computeIfAbsent(to.address(), k -> new LinkedHashSet<>()).add(id);
    }

    /**
     * Waits (bounded by the delivery wait) until the message shows up, then returns it as one session saw it. A
     * message that never shows up blocks the check: losing mail is the round-trip row's rule
     * ({@link #expectDelivered}); so does a RETR that ends every line with a bare LF (POP-RETR's rule).
     */
    public Found await(Account account, String id) {
        return awaitAll(account, List.of(id)).get(0);
    }

    /**
     * {@link #await} for several messages of one maildrop in one bounded wait: each look is one session that looks
     * for them all, and they are returned (in the order of {@code ids}) as the first session that saw every one did.
     */
    public List<Found> awaitAll(Account account, List<String> ids) {
        try {
            List<Found> all = expectAllDelivered(account, ids);
            for (Found found : all) {
                List<WireLine> lines = found.retr().body();
                if (lines.size() > 1 && lines.stream().allMatch(l -> l.ending() == WireLine.Ending.BARE_LF)) {
                    throw new CheckFailure("RETR " + found.number(), "lines ended by CRLF", "every line ended by a bare LF");
                }
            }
            return all;
        } catch (CheckFailure e) {
            throw CheckContext.blocked(e);
        }
    }

    /** {@link #await}, for the rows whose rule is that the message arrives: not finding it FAILs. */
    public Found expectDelivered(Account account, String id) {
        return expectAllDelivered(account, List.of(id)).get(0);
    }

    /**
     * The bound is the delivery wait without a new message: a maildrop fills one delivery at a time (an mbox is
     * locked per delivery), so each round waits until one more of {@code ids} shows up than the last round saw.
     * Rounds are bounded by the count of {@code ids}; with one id this is one plain bounded wait.
     */
    private List<Found> expectAllDelivered(Account account, List<String> ids) {
        String what = (ids.size() == 1 ? "message " : "messages ") + String.join(", ", ids) + " in the maildrop of " + account.address();
        String[] lastProblem = {""};
        int seen = 0;
        try {
            for (int round = 0; round <= ids.size(); round++) {
                int before = seen;
                Look look = looking(what, check.deliveryWait())
                        .until(() -> look(account, ids, lastProblem), l -> l.complete() || (l.seen() > before && l.seen() < ids.size()));
                if (look.complete()) return look.found();
                seen = look.seen();
            }
            throw new ConditionTimeoutException(what);
        } catch (ConditionTimeoutException e) {
            throw new CheckFailure("wait for delivery", what + " within " + check.deliveryWait().toMillis() + " ms"
                    + (ids.size() == 1 ? "" : " of the last one showing up"),
                    "not found" + (seen == 0 ? "" : " (" + seen + " of " + ids.size() + " found)")
                            + (lastProblem[0].isBlank() ? "" : " (last attempt: " + lastProblem[0] + ")"));
        }
    }

    /** What one look into a maildrop saw: how many of the wanted messages, and all of them once all are there. */
    private record Look(int seen, List<Found> found) {
        boolean complete() {
            return found != null;
        }
    }

    /**
     * Waits (bounded) until the account can log in again, e.g. after a dropped session whose maildrop lock the
     * server still holds, and returns the logged-in session.
     */
    public Pop3Probe awaitLogin(Account account) {
        String[] lastProblem = {""};
        try {
            return looking("POP3 login as " + account.user(), check.deliveryWait())
                    .until(() -> login(account, lastProblem), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new CheckFailure("log in again", "a POP3 login within " + check.deliveryWait().toMillis() + " ms", lastProblem[0]);
        }
    }

    private Optional<Pop3Probe> login(Account account, String[] lastProblem) {
        try {
            return Optional.of(check.pop3LoggedIn(account));
        } catch (CheckFailure e) {
            lastProblem[0] = e.step() + ": " + e.actual();
            return Optional.empty();
        }
    }

    /** One POP3 session: log in, look for every message, RETR them once all are there, QUIT (which deletes nothing). */
    private Look look(Account account, List<String> ids, String[] lastProblem) {
        Optional<Pop3Probe> session = login(account, lastProblem);
        if (session.isEmpty()) return new Look(0, null);
        Pop3Probe pop3 = session.get();
        try {
            Look look = look(pop3, ids);
            pop3.send("QUIT");
            return look;
        } catch (CheckFailure e) {
            lastProblem[0] = e.step() + ": " + e.actual();
            return new Look(0, null);
        } finally {
            pop3.close();
        }
    }

    /** Looks for the message in an open session; the newest messages are looked at first. */
    public Optional<Found> find(Pop3Probe pop3, String id) {
        return Optional.ofNullable(look(pop3, List.of(id)).found()).map(all -> all.get(0));
    }

    /** Looks for every message of {@code ids} in an open session and RETRs them (in that order) once all are there. */
    private static Look look(Pop3Probe pop3, List<String> ids) {
        Map<String, long[]> listed = scan(pop3, ids);
        if (listed.size() < new LinkedHashSet<>(ids).size()) return new Look(listed.size(), null);
        List<Found> found = new ArrayList<>();
        for (String id : ids) {
            long[] listing = listed.get(id);
            Pop3Response retr = pop3.sendMulti("RETR " + listing[0]).expectOk();
            found.add(new Found((int) listing[0], listing[1], retr));
        }
        return new Look(listed.size(), found);
    }

    /** Which of {@code ids} an open session's maildrop holds (header sections only, nothing retrieved). */
    public static Set<String> present(Pop3Probe pop3, java.util.Collection<String> ids) {
        return scan(pop3, ids).keySet();
    }

    /**
     * The scan listing of the newest message carrying each of {@code ids}, by id: the newest messages are looked
     * at first, up to {@link #MAX_SCAN}, and the scan stops once every id is found.
     */
    private static Map<String, long[]> scan(Pop3Probe pop3, java.util.Collection<String> ids) {
        Set<String> wanted = new LinkedHashSet<>(ids);
        Map<String, long[]> listed = new LinkedHashMap<>();
        List<long[]> listing = list(pop3);
        for (int i = listing.size() - 1; i >= 0 && i >= listing.size() - MAX_SCAN && listed.size() < wanted.size(); i--) {
            Pop3Response head = headers(pop3, (int) listing.get(i)[0]);
            for (String id : wanted) {
                if (!listed.containsKey(id) && carriesId(head, id)) listed.put(id, listing.get(i));
            }
        }
        return listed;
    }

    /** How many messages of the maildrop carry the message's id: one per accepted transaction (E2E-ONEMSG's rule). */
    public static int copies(Pop3Probe pop3, String id) {
        int copies = 0;
        for (long[] listing : list(pop3)) {
            if (carriesId(headers(pop3, (int) listing[0]), id)) copies++;
        }
        return copies;
    }

    /** The scan listing: message number and size per message. */
    public static List<long[]> list(Pop3Probe pop3) {
        Pop3Response list = pop3.sendMulti("LIST").expectOk();
        List<long[]> listing = new ArrayList<>();
        for (WireLine line : list.body()) {
            String[] parts = line.text().split(" ");
            try {
                listing.add(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
            } catch (RuntimeException e) {
                throw new CheckFailure("LIST", "scan listings 'n size'", line.visible());
            }
        }
        return listing;
    }

    /** The header section of message {@code number}: TOP n 0, or RETR where TOP is not offered. */
    public static Pop3Response headers(Pop3Probe pop3, int number) {
        Pop3Response top = pop3.sendMulti("TOP " + number + " 0");
        return top.isOk() ? top : pop3.sendMulti("RETR " + number);
    }

    private static boolean carriesId(Pop3Response response, String id) {
        if (!response.isOk()) return false;
        String wanted = (TestMessage.ID_HEADER + ": " + id).toLowerCase(Locale.ROOT);
        for (WireLine line : response.body()) {
            if (line.content().length == 0) return false; // end of the header section
            if (line.text().toLowerCase(Locale.ROOT).equals(wanted)) return true;
        }
        return false;
    }

    /** Deletes every message this check delivered (QUIT enters UPDATE); called when the check ends. */
    void cleanUp() {
        for (Map.Entry<String, Set<String>> entry : delivered.entrySet()) {
            deleteWhere(accounts.get(entry.getKey()), "clean-up", head -> entry.getValue().stream().anyMatch(id -> carriesId(head, id)));
        }
        delivered.clear();
    }

    /**
     * Deletes from a maildrop just leased to the check what the harness delivered there earlier: a message of a check
     * that ended before the server had delivered it would otherwise be counted by this one. Only messages carrying a
     * harness id go, and not a message a smuggling row of this run hid, which E2E-ONEMSG looks for after those rows.
     */
    void startClean(Account account) {
        deleteWhere(account, "clean start", head -> harnessId(head).isPresent() && !smuggledThisRun(head));
    }

    /** Whether {@code head} is the header section of a message a smuggling row of this run hid in its data. */
    public boolean smuggledThisRun(Pop3Response head) {
        return carriesField(head, SMUGGLED) && harnessId(head).filter(check.smuggledMessages()::hiddenThisRun).isPresent();
    }

    /** The harness id in the header section {@code head}, if it carries one. */
    public static Optional<String> harnessId(Pop3Response head) {
        if (!head.isOk()) return Optional.empty();
        String field = TestMessage.ID_HEADER + ":";
        for (WireLine line : head.body()) {
            if (line.content().length == 0) break; // end of the header section
            String text = line.text();
            if (text.regionMatches(true, 0, field, 0, field.length())) return Optional.of(text.substring(field.length()).strip());
        }
        return Optional.empty();
    }

    /** The header field of the message a smuggling row hides in its data, should a server deliver it as its own. */
    public static final String SMUGGLED = "Subject: SMUGGLED";

    /** Whether the header section in {@code head} has a line starting with {@code field} (case aside). */
    public static boolean carriesField(Pop3Response head, String field) {
        if (!head.isOk()) return false;
        for (WireLine line : head.body()) {
            if (line.content().length == 0) return false; // end of the header section
            if (line.text().regionMatches(true, 0, field, 0, field.length())) return true;
        }
        return false;
    }

    /** One session: DELE every message whose header section {@code doomed} picks, then QUIT (UPDATE removes them). */
    private void deleteWhere(Account account, String purpose, java.util.function.Predicate<Pop3Response> doomed) {
        try {
            Pop3Probe pop3 = check.pop3LoggedIn(account);
            for (long[] message : list(pop3)) {
                int number = (int) message[0];
                if (doomed.test(headers(pop3, number))) pop3.send("DELE " + number);
            }
            pop3.send("QUIT");
            pop3.close();
        } catch (RuntimeException | AssertionError e) {
            check.note(purpose + " of " + account.address() + " incomplete: " + e.getMessage());
        }
    }
}
