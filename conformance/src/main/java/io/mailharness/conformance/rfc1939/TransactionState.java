package io.mailharness.conformance.rfc1939;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        pop3.send("QUIT").expectOk();
    }

    /* §5 STAT and LIST, §11: the drop listing counts and sums exactly the messages LIST shows. */
    @Check(id = "POP-STAT-SUM", level = Level.MUST, section = "11",
            requirement = "STAT's count is the number of LIST lines and its size the sum of LIST sizes")
    void statMatchesList(CheckContext check) {
        Pop3Probe pop3 = check.pop3LoggedIn(check.account());
        Pop3Response stat = pop3.send("STAT").expectOk();
        Matcher drop = Pop3Format.DROP_LISTING.matcher(stat.statusText());
        if (!drop.matches()) throw check.fail("STAT", "'+OK nn mm'", stat.describe());
        Pop3Response list = pop3.sendMulti("LIST").expectOk();
        long sum = 0;
        for (WireLine line : list.body()) {
            Matcher scan = Pop3Format.SCAN_LISTING.matcher(line.text());
            if (!scan.matches()) throw check.fail("LIST", "scan listings 'n size'", line.visible());
            sum += Long.parseLong(scan.group(2));
        }
        String expected = list.body().size() + " messages, " + sum + " octets (from LIST)";
        if (Long.parseLong(drop.group(1)) != list.body().size() || Long.parseLong(drop.group(2)) != sum) {
            throw check.fail("STAT vs LIST", "STAT '+OK " + list.body().size() + " " + sum + "' (" + expected + ")", stat.describe());
        }
        pop3.send("QUIT").expectOk();
    }

    /*
     * §5 LIST: multi-line scan listings "n size" ended by "."; LIST n answers "+OK n size" on one line;
     * a message number that does not exist gets -ERR.
     */
    @Check(id = "POP-LIST-FMT", level = Level.MUST,
            requirement = "LIST gives 'n size' lines then '.'; LIST n gives '+OK n size'; LIST of a missing number gives -ERR")
    void listFormat(CheckContext check) {
        Pop3Probe pop3 = check.pop3LoggedIn(check.account());
        Pop3Response list = pop3.sendMulti("LIST").expectOk();
        if (!list.terminated()) throw check.fail("LIST", "a multi-line response ended by '.'", list.describe());
        int count = 0;
        for (WireLine line : list.body()) {
            Matcher scan = Pop3Format.SCAN_LISTING.matcher(line.text());
            if (!scan.matches() || line.ending() != WireLine.Ending.CRLF) throw check.fail("LIST", "'n size' CRLF", line.visible());
            count++;
            if (Pop3Format.number(scan, 1) != count) throw check.fail("LIST", "message numbers 1.." + list.body().size() + " in order", line.visible());
        }
        if (count > 0) {
            Pop3Response one = pop3.send("LIST 1").expectOk();
            Matcher scan = Pop3Format.DROP_LISTING.matcher(one.statusText());
            if (!scan.matches() || !scan.group(1).equals("1")) throw check.fail("LIST 1", "'+OK 1 size'", one.describe());
        }
        pop3.send("LIST " + (count + 1)).expectErr();
        pop3.send("QUIT").expectOk();
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
        pop3.send("QUIT").expectOk();
    }

    /** Delivers a small message with dot lines to a disposable account (so the maildrop is not empty) and waits for it. */
    private static Account deliverSample(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage sample = check.mailbox().message(account, "sample", "line one\r\n.dot line\r\nlast\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, sample);
        check.mailbox().await(account, sample.id());
        return account;
    }

    private static List<long[]> first20(List<long[]> listing) {
        return listing.subList(0, Math.min(20, listing.size()));
    }

    /* §5 LIST gives "the exact size of the message in octets"; §11: CRLF counts two, stuffing dots are not counted. */
    @Check(id = "POP-RETR-SIZE", level = Level.MUST, section = "11", modes = Mode.MUTATES_MAILBOX,
            requirement = "LIST n equals the octets RETR n transfers, stuffing removed (a delivered message and up to 20 more)")
    void listSizeIsRetrSize(CheckContext check) {
        Account account = deliverSample(check);
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        for (long[] message : first20(Mailbox.list(pop3))) {
            Pop3Response retr = pop3.sendMulti("RETR " + message[0]).expectOk();
            int octets = retr.unstuffedBody().length;
            if (octets != message[1]) {
                throw check.fail("LIST " + message[0] + " vs RETR " + message[0], "LIST size " + octets + " (the octets RETR sent)", "LIST says " + message[1]);
            }
        }
        pop3.send("QUIT").expectOk();
    }

    /* §3: every line of a multi-line response that starts with "." is sent with one more "." in front. */
    @Check(id = "POP-RETR-STUFF", level = Level.MUST, section = "3", modes = Mode.MUTATES_MAILBOX,
            requirement = "RETR byte-stuffs every line starting with '.' and the un-stuffed octets are the stored message")
    void retrieveStuffs(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "byte-stuffing",
                ".\r\n..x\r\n.x\r\nmiddle\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, message);
        Mailbox.Found found = check.mailbox().await(account, message.id());
        for (WireLine line : found.retr().body()) {
            String text = line.text();
            if (text.startsWith(".") && !text.startsWith("..")) {
                throw check.fail("RETR " + found.number(), "every line starting with '.' sent as '..'", line.visible());
            }
        }
        byte[] octets = found.octets();
        byte[] sent = message.content();
        boolean tail = octets.length >= sent.length
                && Arrays.equals(Arrays.copyOfRange(octets, octets.length - sent.length, octets.length), sent);
        if (!tail) throw check.fail("RETR " + found.number(), "the stored message after un-stuffing", "different octets (" + octets.length + ")");
    }

    /* §5 DELE: the message is marked deleted; "Any future reference to the message-number ... generates an error". */
    @Check(id = "POP-DELE-REF", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "after DELE n, RETR n, LIST n, TOP n 0, UIDL n and DELE n each get -ERR")
    void deletedMessageIsGone(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "dele", "to be deleted\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, message);
        int number = check.mailbox().await(account, message.id()).number();
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        pop3.send("DELE " + number).expectOk();
        pop3.sendMulti("RETR " + number).expectErr();
        pop3.send("LIST " + number).expectErr();
        pop3.sendMulti("TOP " + number + " 0").expectErr();
        pop3.send("UIDL " + number).expectErr();
        pop3.send("DELE " + number).expectErr();
        pop3.send("RSET").expectOk();
        pop3.send("QUIT");
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
        pop3.send("DELE " + number).expectOk();
        Pop3Response stat = pop3.send("STAT").expectOk();
        String wanted = "+OK " + (before.size() - 1) + " " + (total - size);
        if (!stat.statusText().equals(wanted) && !stat.statusText().startsWith(wanted + " ")) {
            throw check.fail("STAT after DELE " + number, "'" + wanted + "'", stat.describe());
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
        Pop3Response after = pop3.send("STAT").expectOk();
        if (!after.statusText().equals(before.statusText())) throw check.fail("STAT after RSET", before.statusText(), after.statusText());
        pop3.send("QUIT");
    }

    /*
     * §3: a multi-line response ends with CRLF "." CRLF. A stored message whose last line has no CRLF (possible
     * through BDAT, LMTP or IMAP APPEND) therefore needs a CRLF from the server before the terminating line,
     * or a client never sees the end of the response.
     */
    @Check(id = "POP-RETR-NOFINALCRLF", level = Level.MUST, section = "3",
            modes = {Mode.MUTATES_MAILBOX, Mode.NEEDS_SETTING},
            requirement = "RETR of a message stored without a final CRLF adds one before the '.' line, so the response ends")
    void retrieveWithoutFinalLineEnd(CheckContext check) {
        Account account = check.disposableAccount();
        String lastLine = "last line without CRLF";
        TestMessage message = check.mailbox().message(account, "no final CRLF", RawStorage.ascii("first line\r\n" + lastLine));
        RawStorage.deliverByBdat(check, account, message);
        RawStorage.Located located = RawStorage.await(check, account, message.id());
        Pop3Probe pop3 = located.pop3();
        String step = "RETR " + located.number();
        pop3.write(step + "\r\n");
        pop3.readStatus(step).expectOk();
        WireLine previous = null;
        for (int i = 0; i < 100_000; i++) {
            WireLine line = pop3.connection().readLine();
            if (line.ending() != WireLine.Ending.CRLF && line.ending() != WireLine.Ending.BARE_LF) {
                throw check.fail(step, "the message, a CRLF added after its last line, then the line '.'",
                        "no terminating line: " + line.visible() + " (a client waits for the end of the response forever)");
            }
            if (line.ending() == WireLine.Ending.CRLF && line.text().equals(".")) break;
            if (line.text().equals(lastLine + ".")) {
                throw check.fail(step, "'" + lastLine + "' CRLF, then the line '.'",
                        line.visible() + " (the terminator ran into the last line; a client waits for the end forever)");
            }
            previous = line;
        }
        if (previous == null || !previous.text().equals(lastLine) || previous.ending() != WireLine.Ending.CRLF) {
            throw check.fail(step, "the last line '" + lastLine + "' ended by CRLF before '.'", previous == null ? "no body" : previous.visible());
        }
        pop3.send("QUIT");
    }

    /*
     * §3: every line of a multi-line response that starts with "." is byte-stuffed. A stored message with bare
     * LF or CR line ends holds lines a client may split there; a "." after such a line end must be stuffed too,
     * or the line can end the response early (or smuggle a fake end) at a client that splits at LF.
     */
    @Check(id = "POP-RETR-BARELF", level = Level.MUST, section = "3",
            modes = {Mode.MUTATES_MAILBOX, Mode.NEEDS_SETTING},
            requirement = "RETR of a message with bare LF / bare CR lines stuffs a '.' at every line start, whether the line began after CRLF, LF or CR")
    void retrieveStuffsAfterBareLineEnds(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "bare line ends",
                RawStorage.ascii("bare\n.\nafter a bare LF\r\n.after CRLF\r\ncr\r.after a bare CR\r\nend\r\n"));
        RawStorage.deliverByBdat(check, account, message);
        RawStorage.Located located = RawStorage.await(check, account, message.id());
        Pop3Probe pop3 = located.pop3();
        Pop3Response retr = pop3.sendMulti("RETR " + located.number()).expectOk();
        if (!retr.terminated()) throw check.fail(retr.step(), "the message, then the line '.'", retr.describe());
        boolean bare = retr.body().stream().anyMatch(l -> l.ending() == WireLine.Ending.BARE_LF || l.hasBareCr());
        if (!bare) {
            pop3.send("QUIT");
            check.skip("the server stored the message with its bare line ends turned into CRLF: nothing to check");
        }
        for (WireLine line : retr.body()) {
            String[] starts = line.text().split("\r", -1);
            for (String start : starts) {
                if (start.startsWith(".") && !start.startsWith("..")) {
                    throw check.fail(retr.step(), "'..' wherever a line starts with '.' (after CRLF, bare LF or bare CR)", line.visible());
                }
            }
        }
        pop3.send("QUIT");
    }
}
