package io.mailharness.conformance.rfc1939;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Section(rfc = "1939", number = "4", title = "The AUTHORIZATION State")
public class AuthorizationState {
    /* §4: once the connection is open the server "issues a one line greeting" with a positive status. */
    @Check(id = "POP-GRT", level = Level.MUST,
            requirement = "the greeting is one '+OK' line (upper case, CRLF-terminated)")
    void greeting(CheckContext check) {
        Pop3Probe pop3 = check.pop3();
        Pop3Format.judgeStatusLine(pop3.greeting());
        pop3.greeting().expectOk();
        pop3.send("QUIT").expectOk();
    }

    /*
     * §7 USER/PASS: USER names the maildrop, PASS with the right password enters TRANSACTION, where STAT
     * answers a drop listing. §6: QUIT in AUTHORIZATION gets +OK and the server closes.
     */
    @Check(id = "POP-USERPASS", level = Level.MUST, section = "7",
            requirement = "USER then PASS log in (+OK, +OK, STAT '+OK n m'); QUIT before login gets +OK and a close")
    void userThenPass(CheckContext check) {
        Account account = check.account();
        try (Pop3Probe pop3 = check.pop3()) {
            pop3.greeting().expectOk();
            pop3.send("USER " + account.user()).expectOk();
            pop3.send("PASS " + account.password()).expectOk();
            Pop3Response stat = pop3.send("STAT").expectOk();
            if (!Pop3Format.DROP_LISTING.matcher(stat.statusText()).matches()) {
                throw check.fail("STAT", "'+OK nn mm'", stat.describe());
            }
            pop3.send("QUIT").expectOk();
        }
        Pop3Probe pop3 = check.pop3();
        pop3.greeting().expectOk();
        pop3.send("QUIT").expectOk();
        pop3.expectClosed("after QUIT in AUTHORIZATION", check.closeWait());
    }

    /*
     * §7 PASS: only right after a successful USER; a wrong password gets -ERR. §4: after a failed login the
     * server may close the connection.
     */
    @Check(id = "POP-PASS-ORDER", level = Level.MUST, section = "7", modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "PASS without USER gets -ERR; a wrong password gets -ERR and a retry with the right one works (or the server closes)")
    void passOrder(CheckContext check) {
        Account account = check.account();
        try (Pop3Probe pop3 = check.pop3()) {
            pop3.greeting().expectOk();
            pop3.send("PASS " + account.password()).expectErr();
            pop3.quitQuietly();
        }
        Pop3Probe pop3 = check.pop3();
        pop3.greeting().expectOk();
        pop3.send("USER " + account.user()).expectOk();
        pop3.send("PASS wrong-" + account.password()).expectErr();
        Pop3Response retry = pop3.send("USER " + account.user());
        if (retry.closed()) {
            check.observe("the server closed the connection after the failed PASS (allowed by §4)");
            return;
        }
        retry.expectOk();
        pop3.send("PASS " + account.password()).expectOk();
        pop3.send("QUIT").expectOk();
    }

    /*
     * §7 APOP (optional): the greeting carries a msg-id-shaped timestamp that "MUST be different each time the
     * POP3 server issues a banner greeting"; APOP name digest (MD5 of timestamp and secret, lower-case hex)
     * logs in, a wrong digest gets -ERR.
     */
    @Check(id = "POP-APOP", level = Level.MUST, section = "7", modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "when the greeting offers APOP: a new timestamp per greeting, the right digest logs in, a wrong one gets -ERR")
    void apop(CheckContext check) {
        Account account = check.account();
        Pop3Probe first = check.pop3();
        String stamp = timestamp(first.greeting().expectOk());
        if (stamp == null) check.skip("the greeting has no <timestamp>: APOP is not offered");
        Pop3Probe second = check.pop3();
        String again = timestamp(second.greeting().expectOk());
        if (stamp.equals(again)) throw check.fail("two greetings", "a different timestamp each time", stamp + " twice");
        second.send("APOP " + account.user() + " " + md5Hex(again + account.password())).expectOk();
        second.send("QUIT");
        first.send("APOP " + account.user() + " " + md5Hex(stamp + "wrong-" + account.password())).expectErr();
        first.quitQuietly();
    }

    /* RFC 3206 §4, RFC 2449 §8: with AUTH-RESP-CODE or RESP-CODES, refused credentials "SHOULD" say [AUTH]. */
    @Check(id = "POP-RESPCODE-AUTH", level = Level.SHOULD, section = "7", modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "when CAPA lists AUTH-RESP-CODE or RESP-CODES, a refused login says '-ERR [AUTH] ...'")
    void authResponseCode(CheckContext check) {
        Pop3Probe pop3 = check.pop3();
        pop3.greeting().expectOk();
        Pop3Response capa = pop3.sendMulti("CAPA");
        boolean offered = capa.isOk() && capa.body().stream().map(l -> l.text().toUpperCase(java.util.Locale.ROOT))
                .anyMatch(c -> c.equals("AUTH-RESP-CODE") || c.equals("RESP-CODES"));
        if (!offered) check.skip("CAPA lists neither AUTH-RESP-CODE nor RESP-CODES");
        pop3.send("USER " + check.account().user()).expectOk();
        Pop3Response refused = pop3.send("PASS wrong-" + check.account().password()).expectErr();
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
    @Check(id = "POP-PASS-SPACE", level = Level.MAY, section = "7", modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE, Mode.NEEDS_SETTING},
            requirement = "spaces in the PASS argument are part of the password: such a password logs in, and 'PASS <password> extra' is not accepted as <password>")
    void passwordWithSpaces(CheckContext check) {
        Optional<Account> spaced = check.target().accounts().stream().filter(a -> a.password().contains(" ")).findFirst();
        if (spaced.isPresent()) {
            Pop3Probe pop3 = check.pop3();
            pop3.greeting().expectOk();
            pop3.send("USER " + spaced.get().user()).expectOk();
            pop3.send("PASS " + spaced.get().password()).expectOk();
            pop3.send("QUIT");
            return;
        }
        Account account = check.account();
        Pop3Probe pop3 = check.pop3();
        pop3.greeting().expectOk();
        pop3.send("USER " + account.user()).expectOk();
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

    /*
     * §4: on entering TRANSACTION the server acquires an exclusive-access lock on the maildrop, so that messages
     * are not changed before UPDATE; if it cannot, it answers -ERR (RFC 2449 §8.1.2: [IN-USE]). A server without
     * a lock must at least keep one session's pending deletions out of every other session.
     */
    @Check(id = "POP-LOCK", level = Level.SHOULD, section = "4", modes = Mode.MUTATES_MAILBOX,
            requirement = "while one session holds the maildrop a second login gets -ERR ([IN-USE]), or both work and DELE in one (no QUIT) hides nothing from the other")
    void exclusiveAccess(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "lock", "locked maildrop\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, message);
        int number = check.mailbox().await(account, message.id()).number();
        Pop3Probe first = check.pop3LoggedIn(account);
        Pop3Probe second = check.pop3();
        second.greeting().expectOk();
        second.send("USER " + account.user()).expectOk();
        Pop3Response entered = second.send("PASS " + account.password());
        if (entered.isErr()) {
            check.observe("second login while the maildrop is open: " + entered.describe()
                    + (entered.text().startsWith("[IN-USE]") ? "" : " (no [IN-USE] response code)"));
            first.send("QUIT");
            return;
        }
        entered.expectOk();
        check.observe("no exclusive-access lock: two sessions opened the maildrop at once");
        first.send("DELE " + number).expectOk();
        if (check.mailbox().find(second, message.id()).isEmpty()) {
            throw check.fail("LIST in the second session after DELE " + number + " (no QUIT) in the first",
                    "message " + number + " still there: a deletion is only pending until QUIT", "gone");
        }
        Pop3Probe third = check.pop3LoggedIn(account);
        if (check.mailbox().find(third, message.id()).isEmpty()) {
            throw check.fail("log in while the first session has DELE " + number + " pending",
                    "the message still there: a deletion is only pending until QUIT", "gone");
        }
        first.send("RSET").expectOk();
        first.send("QUIT");
        second.send("QUIT");
        third.send("QUIT");
    }

    /*
     * §4: once the maildrop is opened, its messages get the numbers 1..n for the session; §5 STAT and RSET
     * work on that view. Mail that arrives during the session belongs to the next one.
     */
    @Check(id = "POP-SNAPSHOT", level = Level.SHOULD, section = "4", modes = Mode.MUTATES_MAILBOX,
            requirement = "a message delivered while a session is open does not show up in that session (STAT before and after RSET unchanged)")
    void sessionSnapshot(CheckContext check) {
        Account account = check.disposableAccount();
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        Pop3Response before = pop3.send("STAT").expectOk();
        TestMessage late = check.mailbox().message(account, "snapshot", "arrives during a session\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, late);
        Pop3Response during = pop3.send("STAT").expectOk();
        pop3.send("RSET").expectOk();
        Pop3Response afterReset = pop3.send("STAT").expectOk();
        pop3.send("QUIT").expectOk();
        check.mailbox().await(account, late.id());
        for (Pop3Response stat : new Pop3Response[] {during, afterReset}) {
            if (!dropListing(stat).equals(dropListing(before))) {
                throw check.fail(stat.step() + " after a delivery during the session",
                        "'" + dropListing(before) + "' as at login (new mail waits for the next session)", stat.describe());
            }
        }
        check.observe("delivery is assumed complete at the 250 reply; a server that delivers later would pass without showing the rule");
    }

    private static String dropListing(Pop3Response stat) {
        Matcher m = Pop3Format.DROP_LISTING.matcher(stat.statusText());
        return m.matches() ? "+OK " + m.group(1) + " " + m.group(2) : stat.statusText();
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
}
