package io.mailharness.conformance.rfc1939;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.CheckFailure;
import io.mailharness.conformance.wire.Pop3Format;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;

@Section(rfc = "1939", number = "5", title = "The TRANSACTION State")
public class TransactionState {
    /* §5 STAT: "+OK" followed by a single space, the number of messages, a single space and the size in octets. */
    @Check(id = "POP-STAT-FMT", level = Level.MUST,
            requirement = "STAT answers '+OK nn mm': single spaces, decimal count and size")
    void statFormat(CheckContext check) {
        Pop3Probe pop3 = check.pop3LoggedIn(check.account());
        Pop3Response stat = pop3.send("STAT").expectOk();
        Pop3Format.judgeStatusLine(stat);
        if (!Pop3Format.DROP_LISTING.matcher(stat.statusText()).matches()) {
            throw check.fail("STAT", "'+OK nn mm' with single spaces", stat.describe());
        }
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
    }

    /*
     * §5 LIST: multi-line scan listings "n size" ended by "."; LIST n answers "+OK n size" on one line;
     * a message number that does not exist gets -ERR.
     */
    @Check(id = "POP-LIST-FMT", level = Level.MUST,
            requirement = "LIST gives 'n size' lines then '.'; LIST n gives '+OK n size'; LIST of a missing number gives -ERR")
    void listFormat(CheckContext check) {
        Pop3Probe pop3 = check.pop3LoggedIn(check.accountWithMessage()); // so LIST 1 is asked
        Pop3Response list = pop3.sendMulti("LIST").expectOk();
        if (!list.terminated()) throw check.fail("LIST", "a multi-line response ended by '.'", list.describe());
        int count = 0;
        for (WireLine line : list.body()) {
            Matcher scan = Pop3Format.SCAN_LISTING.matcher(line.text());
            if (!scan.matches() || line.ending() != WireLine.Ending.CRLF) throw check.fail("LIST", "'n size' CRLF", line.visible());
            count++;
            if (Pop3Format.number(scan, 1) != count) throw check.fail("LIST", "message numbers 1.." + list.body().size() + " in order", line.visible());
        }
        Pop3Response one = pop3.send("LIST 1").expectOk();
        Matcher scan = Pop3Format.DROP_LISTING.matcher(one.statusText());
        if (!scan.matches() || !scan.group(1).equals("1")) throw check.fail("LIST 1", "'+OK 1 size'", one.describe());
        pop3.send("LIST " + (count + 1)).expectErr();
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
    }

    /* §5 RETR: "+OK", then the message, byte-stuffed, then the line "."; every line ends with CRLF. */
    @Check(id = "POP-RETR", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "RETR n answers +OK, the message lines each ended by CRLF, then '.' (a delivered message and up to 20 more)")
    void retrieve(CheckContext check) {
        Account account = deliverSample(check);
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        for (long[] message : first20(Mailbox.list(pop3))) {
            Pop3Response retr = pop3.sendMulti("RETR " + message[0]).expectOk();
            if (!retr.terminated()) throw check.fail("RETR " + message[0], "the message ended by the line '.'", retr.describe());
            for (WireLine line : retr.body()) {
                if (line.ending() != WireLine.Ending.CRLF) throw check.fail("RETR " + message[0], "every line ended by CRLF", line.visible());
            }
        }
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
    }

    /* §5 DELE: the message is marked deleted; "Any future reference to the message-number ... generates an error". */
    @Check(id = "POP-DELE-REF", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "after DELE n, RETR n, LIST n, TOP n 0, UIDL n and DELE n each get -ERR")
    void deletedMessageIsGone(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "dele", "to be deleted\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, message);
        int number = check.mailbox().await(account, message.id()).number();
        // two references per session (servers close after a few errors); RSET unmarks the message before QUIT,
        // so the UPDATE state removes nothing (§6) and the next session marks it again
        List<List<String>> references = List.of(List.of("RETR " + number, "LIST " + number),
                List.of("TOP " + number + " 0", "UIDL " + number), List.of("DELE " + number));
        for (List<String> pair : references) {
            Pop3Probe pop3 = check.mailbox().awaitLogin(account);
            try {
                Pop3Response dele = pop3.send("DELE " + number);
                if (pair != references.getFirst() && !dele.isOk()) {
                    // the message RSET unmarked is gone in the next session: POP-RSET's and POP-DROP-NOUPDATE's rules
                    throw CheckContext.blocked(new CheckFailure("DELE " + number + " in the next session, after RSET and QUIT",
                            "+OK (the message still there)", dele.describe()));
                }
                dele.expectOk();
                for (String reference : pair) {
                    (reference.startsWith("RETR") || reference.startsWith("TOP") ? pop3.sendMulti(reference) : pop3.send(reference)).expectErr();
                }
                pop3.send("RSET").expectOk();
            } catch (RuntimeException | Error failed) {
                pop3.quitQuietly(); // a server with one session per maildrop must let the clean-up in
                throw failed;
            }
            pop3.send("QUIT");
        }
    }

    /* §5 DELE: marked messages are not counted by STAT and not listed by LIST; other numbers stay. */
    @Check(id = "POP-DELE-HIDE", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "after DELE n, STAT counts one message and its octets less and LIST leaves n out, other numbers unchanged")
    void deletedMessageIsHidden(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "dele-hide", "hidden after DELE\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, message);
        int number = check.mailbox().await(account, message.id()).number();
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        List<long[]> before = Mailbox.list(pop3);
        long size = before.stream().filter(m -> m[0] == number).findFirst().map(m -> m[1]).orElse(-1L);
        long total = before.stream().mapToLong(m -> m[1]).sum();
        Pop3Response statBefore = pop3.send("STAT").expectOk();
        long[] dropBefore = check.preamble(() -> Pop3Format.dropListingNumbers(statBefore));
        if (dropBefore[0] != before.size() || dropBefore[1] != total) { // STAT against LIST is POP-STAT-SUM's rule
            throw CheckContext.blocked(new CheckFailure("STAT before DELE vs LIST", before.size() + " messages, " + total + " octets",
                    statBefore.describe()));
        }
        pop3.send("DELE " + number).expectOk();
        Pop3Response stat = pop3.send("STAT").expectOk();
        long[] drop = check.preamble(() -> Pop3Format.dropListingNumbers(stat)); // STAT's shape is POP-STAT-FMT's rule
        if (drop[0] != before.size() - 1 || drop[1] != total - size) {
            throw check.fail("STAT after DELE " + number, (before.size() - 1) + " messages, " + (total - size) + " octets", stat.describe());
        }
        List<long[]> after = Mailbox.list(pop3);
        List<String> expected = before.stream().filter(m -> m[0] != number).map(m -> m[0] + " " + m[1]).toList();
        List<String> actual = after.stream().map(m -> m[0] + " " + m[1]).toList();
        if (!expected.equals(actual)) throw check.fail("LIST after DELE " + number, expected.toString(), actual.toString());
        pop3.send("RSET").expectOk();
        pop3.send("QUIT");
    }

    /* §5 RSET: "any messages marked as deleted by the POP3 server are unmarked". */
    @Check(id = "POP-RSET", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "RSET unmarks every message DELE marked: STAT is back to what it was")
    void resetUnmarks(CheckContext check) {
        Account account = check.disposableAccount();
        for (int i = 1; i <= 2; i++) {
            TestMessage message = check.mailbox().message(account, "rset " + i, "marked then unmarked\r\n".getBytes(StandardCharsets.US_ASCII));
            check.mailbox().deliver(account, message);
            check.mailbox().await(account, message.id());
        }
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        Pop3Response before = pop3.send("STAT").expectOk();
        pop3.send("DELE 1").expectOk();
        pop3.send("DELE 2").expectOk();
        pop3.send("RSET").expectOk();
        pop3.expectSilence("after RSET (one status line)", check.silence());
        Pop3Response after = pop3.send("STAT").expectOk();
        if (!after.statusText().equals(before.statusText())) throw check.fail("STAT after RSET", before.statusText(), after.statusText());
        pop3.send("QUIT");
    }

    /** Delivers a small message with dot lines to a disposable account (so the maildrop is not empty) and waits for it. */
    static Account deliverSample(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage sample = check.mailbox().message(account, "sample", "line one\r\n.dot line\r\nlast\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, sample);
        // a lost sample is E2E-ROUNDTRIP's rule; the rows using it read the maildrop as RETR gives it (no line-end judgement here)
        check.preamble(() -> check.mailbox().expectDelivered(account, sample.id()));
        return account;
    }

    static List<long[]> first20(List<long[]> listing) {
        return listing.subList(0, Math.min(20, listing.size()));
    }
}
