package io.mailharness.conformance.rfc1939;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Format;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

@Section(rfc = "1939", number = "4", title = "The AUTHORIZATION State")
public class AuthorizationState {
    /* §4: once the connection is open the server "issues a one line greeting" with a positive status. */
    @Check(id = "POP-GRT", level = Level.MUST,
            requirement = "the greeting is one '+OK' line (upper case, CRLF-terminated)")
    void greeting(CheckContext check) {
        Pop3Probe pop3 = check.pop3();
        Pop3Format.judgeStatusLine(pop3.greeting());
        pop3.greeting().expectOk();
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
    }

    /*
     * §4: on entering TRANSACTION the server acquires an exclusive-access lock on the maildrop, so that messages
     * are not changed before UPDATE; if it cannot, it answers -ERR (RFC 2449 §8.1.2: [IN-USE]). A server without
     * a lock must at least keep one session's pending deletions out of every other session.
     */
    @Check(id = "POP-LOCK", level = Level.SHOULD, modes = Mode.MUTATES_MAILBOX,
            requirement = "while one session holds the maildrop a second login gets -ERR ([IN-USE]), or both work and DELE in one (no QUIT) hides nothing from the other")
    void exclusiveAccess(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "lock", "locked maildrop\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, message);
        int number = check.mailbox().await(account, message.id()).number();
        Pop3Probe first = check.pop3LoggedIn(account);
        Pop3Probe second = check.pop3();
        second.greeted();
        second.user(account);
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
    @Check(id = "POP-SNAPSHOT", level = Level.SHOULD, modes = Mode.MUTATES_MAILBOX,
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
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
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
}
