package io.mailharness.conformance.e2e;

import io.mailharness.client.Transcript;
import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.check.StoredMessages;
import io.mailharness.conformance.wire.CheckFailure;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;
import org.awaitility.core.ConditionTimeoutException;
import org.opentest4j.TestAbortedException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Section(rfc = {"5321", "1939"}, number = "4.1.1.4", title = "End to end under load")
public class LoadModel {
    private static final int SENDERS = 2;
    private static final Duration WINDOW = Duration.ofMillis(1500);
    private static final int MAX_PER_SENDER = 12;
    private static final int MAX_CYCLES_PER_READER = 40;
    // Message numbers of up to 9 digits and sizes of up to 18 fit their types: a longer number is a bad listing, not a crash.
    private static final Pattern STAT = Pattern.compile("\\+OK ([0-9]{1,9}) ([0-9]{1,18})(?: .*)?");
    private static final Pattern SCAN = Pattern.compile("([0-9]{1,9}) ([0-9]{1,18})(?: .*)?");
    private static final Pattern UID = Pattern.compile("([0-9]{1,9}) ([\\x21-\\x7E]{1,70})");

    /*
     * RFC 5321 §4.1.1.4: one accepted transaction is one message. RFC 1939 §4-§7: a session sees its maildrop
     * numbered 1..n with exact sizes (§11), unique-ids that identify a message for good (§7), deletions that
     * take effect only through UPDATE (§6), and one response per command (§3). The imaptest idea: every load
     * client keeps a model of what must be true and checks each answer against it.
     */
    // Alone: its two readers overlap on one maildrop, and a server without a maildrop lock (popa3d) drops a session when
    // the other has changed the maildrop under it; other checks' load would make that race likelier.
    @Check(id = "E2E-LOAD-MODEL", level = Level.MUST, modes = Mode.MUTATES_MAILBOX, alone = true,
            requirement = "with 2 SMTP senders and 2 POP3 readers (keep / delete) at once for 1.5 s: no loss, no duplicate, stable UIDL, exact sizes, one response per command")
    void senderAndReadersAtOnce(CheckContext check) throws InterruptedException {
        Account account = check.disposableAccount();
        Mailbox mailbox = check.mailbox();
        Model model = new Model();
        long deadline = System.nanoTime() + WINDOW.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int s = 1; s <= SENDERS; s++) {
            SmtpProbe smtp = check.smtp(); // opened here: the check context is not shared with other threads
            int sender = s;
            threads.add(Thread.ofVirtual().unstarted(() -> model.guard("sender " + sender,
                    () -> send(check, mailbox, smtp, account, sender, deadline, model))));
        }
        for (boolean deleting : new boolean[] {false, true}) {
            threads.add(Thread.ofVirtual().unstarted(() -> model.guard(deleting ? "deleting reader" : "keeping reader",
                    () -> read(check, account, deleting, deadline, model))));
        }
        threads.forEach(Thread::start);
        long joinBy = deadline + check.target().timeouts().read().toNanos() * 2;
        for (Thread thread : threads) {
            thread.join(Duration.ofNanos(Math.max(1, joinBy - System.nanoTime())));
        }
        model.sent.keySet().forEach(id -> mailbox.remember(account, id));
        if (threads.stream().anyMatch(Thread::isAlive)) {
            throw check.fail("load window", "every sender and reader done within the window plus two read timeouts", "still running");
        }
        if (!model.blocked.isEmpty()) throw model.blocked.get(0);
        if (!model.failures.isEmpty()) {
            CheckFailure first = model.failures.get(0);
            throw check.fail(first.step(), first.expected(), first.actual()
                    + (model.failures.size() > 1 ? " (and " + (model.failures.size() - 1) + " more)" : ""));
        }
        if (model.accepted.isEmpty()) throw check.fail("load window", "messages accepted with 250", "none of " + model.sent.size());
        drain(check, account, model);
        check.observe(model.accepted.size() + " messages accepted, " + model.deleted.size() + " deleted by the reader, "
                + model.sessions.get() + " reader sessions (" + model.shifting.get() + " whose view shifted under them, not judged), "
                + model.lockedOut.get() + " logins refused while the maildrop was in use"
                + (model.perhapsDeleted.isEmpty() ? "" : ", " + model.perhapsDeleted.size() + " marked deleted in sessions whose QUIT got no +OK (not judged)"));
        if (model.sessions.get() == model.shifting.get()) {
            check.observe("no reader session held still, so only the final drain (loss, duplicates, deletions) was judged");
        }
    }

    private static void send(CheckContext check, Mailbox mailbox, SmtpProbe smtp, Account to, int sender, long deadline, Model model) {
        check.preamble(() -> { // the greeting and EHLO are other rows' rules
            smtp.greeted();
            return smtp.ehlo().expectCode(250);
        });
        for (int i = 1; i <= MAX_PER_SENDER && System.nanoTime() < deadline; i++) {
            byte[] body = ("load message " + i + " of sender " + sender + "\r\n.dot line\r\n" + "x".repeat(i * 37 + sender) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            TestMessage message = mailbox.message(to, "load " + sender + "." + i, body);
            model.sent.put(message.id(), message.content());
            smtp.startData("conformance@" + check.domain(), to.address());
            SmtpWireReply end = smtp.content(message.content());
            if (end.isComplete() && end.code() == 250) model.accepted.add(message.id());
            else if (end.isComplete()) model.refused.add(message.id());
            else throw new CheckFailure("end of data (sender " + sender + ")", "one reply", end.describe());
        }
        smtp.quitQuietly();
    }

    private static void read(CheckContext check, Account account, boolean deleting, long deadline, Model model) {
        for (int cycle = 0; cycle < MAX_CYCLES_PER_READER && System.nanoTime() < deadline; cycle++) {
            Pop3Probe pop3;
            synchronized (check) {
                pop3 = check.pop3();
            }
            try {
                pop3.greeted();
                pop3.user(account);
                Pop3Response pass = pop3.send("PASS " + account.password());
                if (pass.isErr()) { // the other reader holds the maildrop lock (RFC 1939 §4)
                    model.lockedOut.incrementAndGet();
                    continue;
                }
                pass.expectOk();
                long openedAt = System.nanoTime();
                model.sessions.incrementAndGet();
                String who = deleting ? "deleting reader" : "keeping reader";
                View view = session(pop3, openedAt, model);
                List<String> marked = new ArrayList<>();
                if (!view.stable()) {
                    model.shifting.incrementAndGet(); // no snapshot: POP-SNAPSHOT / POP-LOCK judge that, not the load model
                } else {
                    view.commit(model);
                    for (Map.Entry<Integer, String> entry : view.ids().entrySet()) {
                        if (!deleting || marked.size() >= 3) break;
                        if (model.verified.contains(entry.getValue()) && model.accepted.contains(entry.getValue())) {
                            pop3.send("DELE " + entry.getKey()).expectOk();
                            marked.add(entry.getValue());
                        }
                    }
                }
                // QUIT's reply is POP-QUIT's business; here it only says whether the DELEs took effect (RFC 1939 §6:
                // a +OK after UPDATE). Without one they may or may not have, so those messages are judged neither way.
                boolean updated = quitAnswered(pop3);
                long committed = System.nanoTime();
                if (updated) {
                    marked.forEach(id -> model.deleted.put(id, committed));
                    pop3.connection().awaitAnyOctets(Duration.ofMillis(50)).ifPresent(octets -> {
                        throw new CheckFailure("after +OK to QUIT (" + who + ")", "nothing more: one response per command",
                                Transcript.visible(new String(octets, StandardCharsets.ISO_8859_1)));
                    });
                } else {
                    model.perhapsDeleted.addAll(marked);
                }
            } finally {
                pop3.close();
            }
        }
    }

    /** Sends QUIT and reads its response: true for a +OK, false for anything else, no response, or a write that failed. */
    private static boolean quitAnswered(Pop3Probe pop3) {
        try {
            return pop3.send("QUIT").isOk();
        } catch (CheckFailure writeFailed) {
            return false;
        }
    }

    /**
     * What one session showed, judged against the model: message numbers to harness ids, the failures and the
     * unique-ids it found, and whether its view held still (STAT the same at both ends and matching LIST and
     * UIDL). Findings of a session whose view shifted under it (a server without a per-session snapshot) are
     * not judged: concurrent deliveries or expunges renumber such a view mid-session.
     */
    private record View(boolean stable, Map<Integer, String> ids, List<CheckFailure> failures, Map<String, String> uids,
                        Set<String> verified) {
        /** Applies a stable session's findings: its first failure, then its unique-ids against every earlier session. */
        void commit(Model model) {
            if (!failures.isEmpty()) throw failures.get(0);
            for (Map.Entry<String, String> entry : uids.entrySet()) {
                String id = entry.getKey();
                String uid = entry.getValue();
                String known = model.uidOf.putIfAbsent(id, uid);
                if (known != null && !known.equals(uid)) throw new CheckFailure("UIDL for message " + id, "unique-id " + known + " (as in an earlier session)", uid);
                String owner = model.idOf.putIfAbsent(uid, id);
                if (owner != null && !owner.equals(id)) throw new CheckFailure("UIDL", "unique-id " + uid + " for message " + owner + " only", "now also for " + id);
            }
            model.verified.addAll(verified);
        }
    }

    /** STAT, LIST, UIDL, a TOP per message (RETR the first time a message is seen), STAT again. */
    private static View session(Pop3Probe pop3, long openedAt, Model model) {
        Pop3Response stat = pop3.send("STAT").expectOk();
        Matcher drop = STAT.matcher(stat.statusText());
        if (!drop.matches()) { // the drop listing's format is POP-STAT-FMT's rule; without its numbers there is no model
            throw CheckContext.blocked(new CheckFailure("STAT", "'+OK nn mm'", stat.describe()));
        }
        Pop3Response list = pop3.sendMulti("LIST").expectOk();
        Map<Integer, Long> sizes = new LinkedHashMap<>();
        long total = 0;
        for (WireLine line : list.body()) {
            Matcher scan = SCAN.matcher(line.text());
            if (!scan.matches()) throw new CheckFailure("LIST", "scan listings 'n size'", line.visible());
            sizes.put(Integer.parseInt(scan.group(1)), Long.parseLong(scan.group(2)));
            long size = Long.parseLong(scan.group(2));
            total = total > Long.MAX_VALUE - size ? Long.MAX_VALUE : total + size; // absurd sizes saturate, they do not wrap
        }
        boolean stable = Long.parseLong(drop.group(1)) == sizes.size() && Long.parseLong(drop.group(2)) == total;
        Map<Integer, String> uids = new HashMap<>();
        Pop3Response uidl = pop3.sendMulti("UIDL");
        if (uidl.isOk()) {
            for (WireLine line : uidl.body()) {
                Matcher m = UID.matcher(line.text());
                if (!m.matches()) throw new CheckFailure("UIDL", "'n uid'", line.visible());
                uids.put(Integer.parseInt(m.group(1)), m.group(2));
            }
            stable &= uids.keySet().equals(sizes.keySet());
        }
        List<CheckFailure> failures = new ArrayList<>();
        Map<Integer, String> ids = new LinkedHashMap<>();
        Map<String, String> uidsById = new HashMap<>();
        Set<String> verified = new HashSet<>();
        if (stable) {
            int expected = 1;
            for (int number : sizes.keySet()) {
                if (number != expected++) failures.add(new CheckFailure("LIST", "messages numbered 1.." + sizes.size(), sizes.keySet().toString()));
            }
            if (new HashSet<>(uids.values()).size() != uids.size()) {
                failures.add(new CheckFailure("UIDL", "a different unique-id per message", uids.values().toString()));
            }
            boolean expunged = false;
            for (Map.Entry<Integer, Long> message : sizes.entrySet()) {
                int number = message.getKey();
                Pop3Response top = pop3.sendMulti("TOP " + number + " 0");
                Pop3Response header = top.isOk() ? top : pop3.sendMulti("RETR " + number);
                // Without a maildrop lock the other reader's DELE + QUIT can remove a message under this session:
                // its view changed, which is POP-LOCK's subject, not a broken invariant here.
                if (!header.isOk()) {
                    expunged = true;
                    break;
                }
                String id = harnessId(header);
                if (id == null || !model.sent.containsKey(id)) continue;
                if (ids.containsValue(id)) failures.add(new CheckFailure("TOP " + number + " 0", "message " + id + " once in the maildrop", "a second copy"));
                ids.put(number, id);
                Long deletedAt = model.deleted.get(id);
                if (deletedAt != null && deletedAt < openedAt) {
                    failures.add(new CheckFailure("log in after the other reader's DELE + QUIT", "message " + id + " gone", "still listed as " + number));
                }
                if (uids.containsKey(number)) uidsById.put(id, uids.get(number));
                if (!model.verified.contains(id)) {
                    Pop3Response retr = pop3.sendMulti("RETR " + number);
                    if (!retr.isOk()) {
                        expunged = true;
                        break;
                    }
                    byte[] stored = retr.unstuffedBody();
                    if (stored.length != message.getValue()) {
                        failures.add(new CheckFailure("LIST " + number + " vs RETR " + number, "size " + stored.length, "LIST says " + message.getValue()));
                    } else if (!StoredMessages.holdsAfterTraceFields(stored, model.sent.get(id))) {
                        failures.add(new CheckFailure("RETR " + number, "the sent message after the trace fields", StoredMessages.difference(stored, model.sent.get(id))));
                    } else {
                        verified.add(id);
                    }
                }
            }
            Pop3Response again = pop3.send("STAT").expectOk();
            stable = !expunged && again.statusText().equals(stat.statusText());
        }
        return new View(stable, ids, failures, uidsById, verified);
    }

    /** How much longer than the delivery wait a missing message is looked for before it counts as lost. */
    private static final int LATE_WINDOWS = 3;

    /**
     * After the window: one session must show every accepted, undeleted message exactly once, and nothing refused.
     * A message missing after the delivery wait is looked for {@value #LATE_WINDOWS} waits longer: found then it is
     * late (WARN: a queue held it, such as an mbox lock held by the readers), still missing it is lost (FAIL).
     */
    private static void drain(CheckContext check, Account account, Model model) {
        Set<String> wanted = new HashSet<>(model.accepted);
        wanted.removeAll(model.deleted.keySet());
        wanted.removeAll(model.perhapsDeleted);
        List<String> seen = new ArrayList<>();
        if (!seenWithin(check, account, model, wanted, seen, check.deliveryWait(), Duration.ofMillis(100))) {
            List<String> missing = wanted.stream().filter(id -> !seen.contains(id)).toList();
            Duration grace = check.deliveryWait().multipliedBy(LATE_WINDOWS);
            seenWithin(check, account, model, wanted, seen, grace, Duration.ofSeconds(1));
            List<String> lost = missing.stream().filter(id -> !seen.contains(id)).toList();
            List<String> late = missing.stream().filter(seen::contains).toList();
            long graceSeconds = check.deliveryWait().plus(grace).toSeconds();
            if (!lost.isEmpty()) {
                throw check.fail("after the load", "all " + wanted.size() + " accepted, undeleted messages within " + graceSeconds + " s",
                        lost.size() + " lost (not there " + graceSeconds + " s after the load): " + lost
                                + (late.isEmpty() ? "" : "; " + late.size() + " more arrived late: " + late));
            }
            check.warn("after the load", "all " + wanted.size() + " accepted, undeleted messages within the "
                    + check.deliveryWait().toSeconds() + " s delivery wait", late.size() + " late (arrived within " + graceSeconds + " s): " + late);
        }
        Set<String> once = new HashSet<>();
        for (String id : seen) {
            if (!once.add(id)) throw check.fail("after the load", "each accepted message once", id + " twice");
            if (model.deleted.containsKey(id)) throw check.fail("after the load", "deleted messages gone", id + " still there");
            if (model.refused.contains(id)) throw check.fail("after the load", "refused messages not stored", id + " stored");
        }
    }

    /** Lists the maildrop until every wanted message is in it or {@code wait} has passed; {@code seen} holds the last listing. */
    private static boolean seenWithin(CheckContext check, Account account, Model model, Set<String> wanted, List<String> seen, Duration wait,
                                      Duration interval) {
        try {
            Mailbox.looking("every accepted message in the maildrop", wait).pollInterval(interval)
                    .until(() -> {
                        List<String> listing = new ArrayList<>();
                        Pop3Probe pop3 = check.mailbox().awaitLogin(account);
                        for (long[] message : Mailbox.list(pop3)) {
                            Pop3Response top = pop3.sendMulti("TOP " + message[0] + " 0");
                            String id = harnessId(top.isOk() ? top : pop3.sendMulti("RETR " + message[0]).expectOk());
                            if (id != null && model.sent.containsKey(id)) listing.add(id);
                        }
                        pop3.send("QUIT");
                        pop3.close();
                        seen.clear();
                        seen.addAll(listing);
                        return seen.containsAll(wanted);
                    });
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static String harnessId(Pop3Response response) {
        String prefix = TestMessage.ID_HEADER.toLowerCase(Locale.ROOT) + ":";
        for (WireLine line : response.body()) {
            if (line.content().length == 0) return null;
            String text = line.text();
            if (text.toLowerCase(Locale.ROOT).startsWith(prefix)) return text.substring(prefix.length()).trim();
        }
        return null;
    }

    /** What must be true, shared by the load clients; every contradiction is a failure. */
    private static final class Model {
        final Map<String, byte[]> sent = new ConcurrentHashMap<>();
        final Set<String> accepted = ConcurrentHashMap.newKeySet();
        final Set<String> refused = ConcurrentHashMap.newKeySet();
        final Set<String> verified = ConcurrentHashMap.newKeySet();
        final Map<String, Long> deleted = new ConcurrentHashMap<>();
        /** Marked deleted in a session whose QUIT got no +OK: whether UPDATE removed them is unknown. */
        final Set<String> perhapsDeleted = ConcurrentHashMap.newKeySet();
        final Map<String, String> uidOf = new ConcurrentHashMap<>();
        final Map<String, String> idOf = new ConcurrentHashMap<>();
        final List<CheckFailure> failures = new CopyOnWriteArrayList<>();
        final List<TestAbortedException> blocked = new CopyOnWriteArrayList<>();
        final AtomicInteger sessions = new AtomicInteger();
        final AtomicInteger lockedOut = new AtomicInteger();
        final AtomicInteger shifting = new AtomicInteger();

        void guard(String who, Runnable work) {
            try {
                work.run();
            } catch (CheckFailure e) {
                failures.add(new CheckFailure(who + ": " + e.step(), e.expected(), e.actual()));
            } catch (TestAbortedException e) { // a step another row judges (greeting, EHLO, USER) failed
                blocked.add(e);
            } catch (RuntimeException e) {
                failures.add(new CheckFailure(who, "the load client runs to its end", e.toString()));
            }
        }
    }
}
