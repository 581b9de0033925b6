package io.mailharness.conformance.rfc1939;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Format;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Section(rfc = "1939", number = "7", title = "Optional POP3 Commands")
public class OptionalCommands {
    /*
     * §7 USER/PASS: USER names the maildrop, PASS with the right password enters TRANSACTION, where STAT
     * answers a drop listing. §6: QUIT in AUTHORIZATION gets +OK and the server closes.
     */
    @Check(id = "POP-USERPASS", level = Level.MUST,
            requirement = "USER then PASS log in (+OK, +OK, STAT '+OK n m'); QUIT before login gets +OK and a close")
    void userThenPass(CheckContext check) {
        Account account = check.account();
        try (Pop3Probe pop3 = check.pop3()) {
            pop3.greeted();
            pop3.send("USER " + account.user()).expectOk();
            pop3.send("PASS " + account.password()).expectOk();
            Pop3Response stat = pop3.send("STAT").expectOk();
            if (!Pop3Format.DROP_LISTING.matcher(stat.statusText()).matches()) {
                throw check.fail("STAT", "'+OK nn mm'", stat.describe());
            }
            pop3.send("QUIT").expectOk();
        }
        Pop3Probe pop3 = check.pop3Greeted();
        pop3.send("QUIT").expectOk();
        pop3.expectClosed("after QUIT in AUTHORIZATION", check.closeWait());
    }

    /*
     * §7 PASS: only right after a successful USER; a wrong password gets -ERR. §4: after a failed login the
     * server may close the connection.
     */
    @Check(id = "POP-PASS-ORDER", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "PASS without USER gets -ERR; a wrong password gets -ERR and a retry with the right one works (or the server closes)")
    void passOrder(CheckContext check) {
        Account account = check.account();
        try (Pop3Probe pop3 = check.pop3()) {
            pop3.greeted();
            pop3.send("PASS " + account.password()).expectErr();
            pop3.quitQuietly();
        }
        check.pop3LoggedIn(account).quitQuietly(); // the right password must work at all (POP-USERPASS's rule)
        Pop3Probe pop3 = check.pop3Greeted();
        pop3.user(account);
        pop3.send("PASS wrong-" + account.password()).expectErr();
        Pop3Response retry = pop3.send("USER " + account.user());
        if (retry.closed()) {
            check.observe("the server closed the connection after the failed PASS (allowed by §4)");
            return;
        }
        retry.expectOk();
        pop3.send("PASS " + account.password()).expectOk();
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
    }

    /*
     * §7 APOP (optional): the greeting carries a msg-id-shaped timestamp that "MUST be different each time the
     * POP3 server issues a banner greeting"; APOP name digest (MD5 of timestamp and secret, lower-case hex)
     * logs in, a wrong digest gets -ERR. The settings hold no APOP secret apart from the login password, and a
     * server may keep the two apart (Mailutils, solid-pop3d): when the password's digest is refused the login
     * cannot be judged (SKIP with the reason), though a wrong digest must still be refused.
     */
    @Check(id = "POP-APOP", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "when the greeting offers APOP: a new timestamp per greeting, the right digest logs in, a wrong one gets -ERR")
    void apop(CheckContext check) {
        Account account = check.account();
        Pop3Probe first = check.pop3();
        String stamp = timestamp(first.greeted());
        if (stamp == null) check.skip("the greeting has no <timestamp>: APOP is not offered");
        Pop3Probe second = check.pop3();
        String again = timestamp(second.greeted());
        if (stamp.equals(again)) throw check.fail("two greetings", "a different timestamp each time", stamp + " twice");
        Pop3Response right = second.send("APOP " + account.user() + " " + md5Hex(again + account.password()));
        if (right.isErr()) {
            second.quitQuietly();
        } else {
            right.expectOk();
            second.send("QUIT");
        }
        first.send("APOP " + account.user() + " " + md5Hex(stamp + "wrong-" + account.password())).expectErr();
        first.quitQuietly();
        if (right.isErr()) {
            check.skip("the digest of the login password was refused (" + right.describe().strip() + ") and the target settings "
                    + "hold no separate APOP secret: the server may keep its APOP secrets apart, so the login is not judged");
        }
    }

    /* RFC 3206 §4, RFC 2449 §8: with AUTH-RESP-CODE or RESP-CODES, refused credentials "SHOULD" say [AUTH]. */
    @Check(id = "POP-RESPCODE-AUTH", level = Level.SHOULD, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "when CAPA lists AUTH-RESP-CODE or RESP-CODES, a refused login says '-ERR [AUTH] ...'")
    void authResponseCode(CheckContext check) {
        Pop3Probe pop3 = check.pop3Greeted();
        Pop3Response capa = pop3.sendMulti("CAPA");
        boolean offered = capa.isOk() && capa.body().stream().map(l -> l.text().toUpperCase(java.util.Locale.ROOT))
                .anyMatch(c -> c.equals("AUTH-RESP-CODE") || c.equals("RESP-CODES"));
        if (!offered) check.skip("CAPA lists neither AUTH-RESP-CODE nor RESP-CODES");
        pop3.user(check.account());
        // the wrong password's -ERR is POP-PASS-ORDER's rule; its response code is this row's
        Pop3Response refused = check.preamble(() -> pop3.send("PASS wrong-" + check.account().password()).expectErr());
        if (!refused.text().startsWith("[AUTH]")) {
            throw check.fail("PASS with a wrong password", "-ERR [AUTH] ...", refused.describe());
        }
        pop3.quitQuietly();
    }

    /*
     * §7 PASS: the command has exactly one argument, so a server "may treat spaces in the argument as part of
     * the password, instead of as argument separators". With an account whose password holds a space it is
     * logged in directly; otherwise 'PASS <password> extra' shows whether the server cuts the line at a space
     * (+OK: everything after the first space is ignored, so a password with spaces cannot work).
     */
    @Check(id = "POP-PASS-SPACE", level = Level.MAY, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE, Mode.NEEDS_SETTING},
            requirement = "spaces in the PASS argument are part of the password: such a password logs in, and 'PASS <password> extra' is not accepted as <password>")
    void passwordWithSpaces(CheckContext check) {
        Optional<Account> spaced = check.target().accounts().stream().filter(a -> a.password().contains(" ")).findFirst();
        if (spaced.isPresent()) {
            Pop3Probe pop3 = check.pop3Greeted();
            pop3.user(spaced.get());
            pop3.send("PASS " + spaced.get().password()).expectOk();
            pop3.send("QUIT");
            return;
        }
        Account account = check.account();
        Pop3Probe pop3 = check.pop3Greeted();
        pop3.user(account);
        Pop3Response cut = pop3.send("PASS " + account.password() + " extra");
        if (cut.isOk()) {
            throw check.fail("PASS <password> extra", "-ERR: the whole argument, space included, is the password",
                    cut.describe() + " (the text after the space was dropped)");
        }
        cut.expectErr();
        check.observe("no account with a space in its password in the settings; 'PASS <password> extra' was refused, "
                + "consistent with spaces being part of the password");
        pop3.quitQuietly();
    }
    /* §7 UIDL (optional): "n unique-id" lines; a unique-id is 1 to 70 characters in 0x21-0x7E. */
    @Check(id = "POP-UIDL-FMT", level = Level.MUST,
            requirement = "UIDL gives 'n uid' lines (uid 1-70 characters 0x21-0x7E); UIDL n gives '+OK n uid'")
    void uidlFormat(CheckContext check) {
        Pop3Probe pop3 = check.pop3LoggedIn(check.accountWithMessage()); // so UIDL 1 is asked
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
        Pop3Response one = pop3.send("UIDL 1").expectOk();
        if (!one.statusText().matches("\\+OK 1 [\\x21-\\x7E]{1,70}")) throw check.fail("UIDL 1", "'+OK 1 uid'", one.describe());
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
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
            pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
        }
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        int moved = check.mailbox().find(pop3, second.id()).orElseThrow(() -> check.fail("find the second message", "still there", "gone")).number();
        String after = uid(check, pop3, moved);
        if (!after.equals(secondUid)) {
            throw check.fail("UIDL after an earlier message was deleted", secondUid + " (unchanged)", after);
        }
        pop3.send("QUIT");
    }

    /* §7 TOP msg n: the header, the blank line, then n lines of the body (all of it when n is larger), as RETR gives them. */
    @Check(id = "POP-TOP", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "TOP n 0 gives the header and the blank line; TOP n 3 three body lines more; a large count the whole message")
    void top(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "top", "one\r\ntwo\r\nthree\r\nfour\r\nfive\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, message);
        Mailbox.Found found = check.mailbox().await(account, message.id());
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        try {
            Pop3Response zero = pop3.sendMulti("TOP " + found.number() + " 0");
            if (zero.isErr()) check.skip("TOP is not offered (-ERR): it is optional in RFC 1939");
            // RETR in this session: an mbox server may add Status: or X-UID: fields at an earlier session's QUIT
            List<WireLine> whole = pop3.sendMulti("RETR " + found.number()).expectOk().body();
            int blank = 0;
            while (blank < whole.size() && whole.get(blank).content().length > 0) blank++;
            expectLines(check, zero, whole.subList(0, Math.min(whole.size(), blank + 1)));
            expectLines(check, pop3.sendMulti("TOP " + found.number() + " 3").expectOk(), whole.subList(0, Math.min(whole.size(), blank + 4)));
            expectLines(check, pop3.sendMulti("TOP " + found.number() + " 100000").expectOk(), whole);
        } finally {
            pop3.quitQuietly(); // also when a step failed: a server with one session per maildrop must let the clean-up in
        }
    }

    private static String timestamp(Pop3Response greeting) {
        Matcher m = Pattern.compile("<[^<>@\\s]+@[^<>\\s]+>").matcher(greeting.text());
        return m.find() ? m.group() : null;
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
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
        if (!m.matches()) { // the form of 'UIDL n' is POP-UIDL-FMT's rule; the unique-id it names is this row's
            throw CheckContext.blocked(check.fail("UIDL " + number, "'+OK " + number + " uid'", one.describe()));
        }
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
