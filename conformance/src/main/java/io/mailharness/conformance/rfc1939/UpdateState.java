package io.mailharness.conformance.rfc1939;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.CheckFailure;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.util.List;

@Section(rfc = "1939", number = "6", title = "The UPDATE State")
public class UpdateState {
    /*
     * §6: QUIT in TRANSACTION enters the UPDATE state, answers +OK (or -ERR if some deleted message could not
     * be removed) and closes; §4: QUIT in AUTHORIZATION answers +OK and closes too.
     */
    @Check(id = "POP-QUIT", level = Level.MUST,
            requirement = "QUIT gets +OK and the server closes, before and after login")
    void quitClosesTheSession(CheckContext check) {
        try (Pop3Probe pop3 = check.pop3()) {
            pop3.greeted();
            pop3.send("QUIT").expectOk();
            pop3.expectClosed("after QUIT in AUTHORIZATION", check.closeWait());
        }
        Pop3Probe pop3 = check.pop3LoggedIn(check.account());
        pop3.send("QUIT").expectOk();
        pop3.expectClosed("after QUIT in TRANSACTION", check.closeWait());
    }

    /* §6: QUIT in TRANSACTION removes the messages marked deleted; the others stay, renumbered from 1. */
    @Check(id = "POP-QUIT-UPDATE", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "DELE then QUIT removes that message for good and keeps every other one")
    void quitCommitsDeletions(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage doomed = check.mailbox().message(account, "update doomed", "delete me\r\n".getBytes(StandardCharsets.US_ASCII));
        TestMessage kept = check.mailbox().message(account, "update kept", "keep me\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, doomed);
        check.mailbox().deliver(account, kept);
        int number = check.mailbox().await(account, doomed.id()).number();
        check.mailbox().await(account, kept.id());
        int before;
        try (Pop3Probe pop3 = check.pop3LoggedIn(account)) {
            before = Mailbox.list(pop3).size();
            int copies = Mailbox.copies(pop3, doomed.id());
            if (copies != 1) { // a second copy would outlive the DELE: one message per transaction is E2E-ONEMSG's rule
                throw CheckContext.blocked(new CheckFailure("count messages carrying " + doomed.id(), "exactly 1", copies + " messages"));
            }
            pop3.send("DELE " + number).expectOk();
            pop3.send("QUIT"); // its +OK is POP-QUIT's rule; what it commits is this row's
        }
        Pop3Probe pop3 = check.mailbox().awaitLogin(account); // the lock may outlive the QUIT by a moment
        List<long[]> after = Mailbox.list(pop3);
        if (check.mailbox().find(pop3, doomed.id()).isPresent()) throw check.fail("log in after DELE + QUIT", "the deleted message gone", "still there");
        if (check.mailbox().find(pop3, kept.id()).isEmpty()) throw check.fail("log in after DELE + QUIT", "the other message kept", "gone");
        if (after.size() != before - 1) throw check.fail("LIST after DELE + QUIT", (before - 1) + " messages", after.size() + " messages");
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i)[0] != i + 1) throw check.fail("LIST after DELE + QUIT", "messages numbered 1.." + after.size(), "message " + after.get(i)[0] + " at position " + (i + 1));
        }
        pop3.send("QUIT");
    }

    /* §6: "If a session terminates for some reason other than a client-issued QUIT ... the POP3 server MUST NOT remove any messages". */
    @Check(id = "POP-DROP-NOUPDATE", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "DELE then a dropped connection (no QUIT) removes nothing")
    void dropWithoutQuitKeepsMessages(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "drop", "survives a drop\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, message);
        int number = check.mailbox().await(account, message.id()).number();
        Pop3Probe dropped = check.pop3LoggedIn(account);
        dropped.send("DELE " + number).expectOk();
        dropped.close();
        Pop3Probe pop3 = check.mailbox().awaitLogin(account);
        if (check.mailbox().find(pop3, message.id()).isEmpty()) {
            throw check.fail("log in after DELE and a dropped connection", "the message still there", "gone");
        }
        pop3.send("QUIT");
    }
}
