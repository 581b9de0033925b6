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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

@Section(rfc = "1939", number = "7", title = "Optional POP3 Commands")
public class OptionalCommands {
    /* §7 UIDL (optional): "n unique-id" lines; a unique-id is 1 to 70 characters in 0x21-0x7E. */
    @Check(id = "POP-UIDL-FMT", level = Level.MUST,
            requirement = "UIDL gives 'n uid' lines (uid 1-70 characters 0x21-0x7E); UIDL n gives '+OK n uid'")
    void uidlFormat(CheckContext check) {
        Pop3Probe pop3 = check.pop3LoggedIn(check.account());
        Pop3Response uidl = pop3.sendMulti("UIDL");
        if (uidl.isErr()) check.skip("UIDL is not offered (-ERR): it is optional in RFC 1939");
        uidl.expectOk();
        int count = 0;
        for (WireLine line : uidl.body()) {
            Matcher listing = Pop3Format.UID_LISTING.matcher(line.text());
            count++;
            if (!listing.matches()) throw check.fail("UIDL", "'n uid' with uid of 1-70 characters 0x21-0x7E", line.visible());
            if (Pop3Format.number(listing, 1) != count) throw check.fail("UIDL", "message numbers 1.." + uidl.body().size() + " in order", line.visible());
        }
        if (count > 0) {
            Pop3Response one = pop3.send("UIDL 1").expectOk();
            if (!one.statusText().matches("\\+OK 1 [\\x21-\\x7E]{1,70}")) throw check.fail("UIDL 1", "'+OK 1 uid'", one.describe());
        }
        pop3.send("QUIT").expectOk();
    }

    /* §7 UIDL: a unique-id "uniquely identifies a message within a maildrop". */
    @Check(id = "POP-UIDL-UNIQUE", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "no two messages share a unique-id, not even two with identical content")
    void uidsAreUnique(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "twin", "same octets twice\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, message);
        check.mailbox().deliver(account, message);
        check.mailbox().await(account, message.id());
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        Map<String, String> uids = uidMap(check, pop3);
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> entry : uids.entrySet()) {
            if (!seen.add(entry.getValue())) {
                throw check.fail("UIDL", "a different unique-id for every message", "unique-id " + entry.getValue() + " used twice");
            }
        }
        pop3.send("QUIT");
    }

    /* §7 UIDL: the unique-id "persists across sessions"; a server "should never reuse" one. */
    @Check(id = "POP-UIDL-PERSIST", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "a message keeps its unique-id across sessions, also after an earlier message was deleted")
    void uidsPersist(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage first = check.mailbox().message(account, "uid first", "first\r\n".getBytes(StandardCharsets.US_ASCII));
        TestMessage second = check.mailbox().message(account, "uid second", "second\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, first);
        check.mailbox().deliver(account, second);
        int firstNumber = check.mailbox().await(account, first.id()).number();
        int secondNumber = check.mailbox().await(account, second.id()).number();
        String secondUid;
        try (Pop3Probe pop3 = check.pop3LoggedIn(account)) {
            secondUid = uid(check, pop3, secondNumber);
            pop3.send("QUIT");
        }
        try (Pop3Probe pop3 = check.pop3LoggedIn(account)) {
            String again = uid(check, pop3, secondNumber);
            if (!again.equals(secondUid)) throw check.fail("UIDL in a new session", secondUid, again);
            pop3.send("DELE " + firstNumber).expectOk();
            pop3.send("QUIT").expectOk();
        }
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        int moved = check.mailbox().find(pop3, second.id()).orElseThrow(() -> check.fail("find the second message", "still there", "gone")).number();
        String after = uid(check, pop3, moved);
        if (!after.equals(secondUid)) {
            throw check.fail("UIDL after an earlier message was deleted", secondUid + " (unchanged)", after);
        }
        pop3.send("QUIT");
    }

    /* §7 TOP msg n: the header, the blank line, then n lines of the body (all of it when n is larger). */
    @Check(id = "POP-TOP", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "TOP n 0 gives the header and the blank line; TOP n 3 three body lines more; a large count the whole message")
    void top(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "top", "one\r\ntwo\r\nthree\r\nfour\r\nfive\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, message);
        Mailbox.Found found = check.mailbox().await(account, message.id());
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        Pop3Response zero = pop3.sendMulti("TOP " + found.number() + " 0");
        if (zero.isErr()) check.skip("TOP is not offered (-ERR): it is optional in RFC 1939");
        List<WireLine> whole = found.retr().body();
        int blank = 0;
        while (blank < whole.size() && whole.get(blank).content().length > 0) blank++;
        expectLines(check, zero, whole.subList(0, Math.min(whole.size(), blank + 1)));
        expectLines(check, pop3.sendMulti("TOP " + found.number() + " 3").expectOk(), whole.subList(0, Math.min(whole.size(), blank + 4)));
        expectLines(check, pop3.sendMulti("TOP " + found.number() + " 100000").expectOk(), whole);
        pop3.send("QUIT");
    }

    private static void expectLines(CheckContext check, Pop3Response top, List<WireLine> wanted) {
        if (!top.terminated() || !top.body().equals(wanted)) {
            throw check.fail(top.step(), wanted.size() + " lines (header, blank line, body lines as RETR gives them)",
                    top.body().size() + " lines" + (top.terminated() ? "" : ", not ended by '.'"));
        }
    }

    private static String uid(CheckContext check, Pop3Probe pop3, int number) {
        Pop3Response one = pop3.send("UIDL " + number);
        if (one.isErr()) check.skip("UIDL is not offered (-ERR): it is optional in RFC 1939");
        Matcher m = Pop3Format.DROP_LISTING_UID.matcher(one.statusText());
        if (!m.matches()) throw check.fail("UIDL " + number, "'+OK " + number + " uid'", one.describe());
        return m.group(2);
    }

    private static Map<String, String> uidMap(CheckContext check, Pop3Probe pop3) {
        Pop3Response uidl = pop3.sendMulti("UIDL");
        if (uidl.isErr()) check.skip("UIDL is not offered (-ERR): it is optional in RFC 1939");
        Map<String, String> uids = new LinkedHashMap<>();
        for (WireLine line : uidl.body()) {
            Matcher m = Pop3Format.UID_LISTING.matcher(line.text());
            if (!m.matches()) throw check.fail("UIDL", "'n uid'", line.visible());
            uids.put(m.group(1), m.group(2));
        }
        return uids;
    }
}
