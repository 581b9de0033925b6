package io.mailharness.conformance.e2e;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Octets;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Section(rfc = {"5321", "1939"}, number = "4.1.1.4", title = "End to end: one message per transaction")
public class OneMessagePerTransaction {
    /*
     * RFC 5321 §4.1.1.4: one accepted transaction is one message: no loss, no duplicate. Run after the smuggling
     * rows, it also looks for what they may have let through late: a message "Subject: SMUGGLED" that a queue
     * delivered after the row had looked (catalogue §3: no smuggled message after any smuggling test). It runs last, after
     * every other check of the run. Only what a smuggling row of this run hid counts, and only if that row did not fail:
     * one left by an earlier run was that run's finding, and a failed row has reported its hole itself.
     */
    @Check(id = "E2E-ONEMSG", level = Level.MUST, modes = Mode.MUTATES_MAILBOX, maildrops = Check.EVERY_MAILDROP,
            requirement = "one 250-accepted transaction yields exactly one message, and no smuggled message is left in any disposable maildrop")
    void oneMessagePerTransaction(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "one message", Octets.ascii("only once\r\n"));
        check.mailbox().deliver(account, message);
        check.mailbox().await(account, message.id()); // a lost message is E2E-ROUNDTRIP's rule, a second copy this row's
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        int copies = Mailbox.copies(pop3, message.id());
        pop3.send("QUIT");
        if (copies != 1) throw check.fail("count messages carrying " + message.id(), "exactly 1", copies + " messages");
        for (Account disposable : check.target().disposableAccounts()) {
            Pop3Probe drop = check.mailbox().awaitLogin(disposable);
            List<String> smuggled = new ArrayList<>();
            for (long[] listing : Mailbox.list(drop)) {
                Pop3Response head = Mailbox.headers(drop, (int) listing[0]);
                if (!check.mailbox().smuggledThisRun(head)) continue;
                String id = Mailbox.harnessId(head).orElseThrow();
                check.mailbox().remember(disposable, id);
                Optional<String> reported = check.smuggledMessages().reportedBy(id);
                if (reported.isPresent()) {
                    check.observe("message " + listing[0] + " of " + disposable.address() + " is smuggled; " + reported.get()
                            + " failed for it already");
                } else {
                    smuggled.add("message " + listing[0]);
                }
            }
            drop.send("QUIT");
            if (!smuggled.isEmpty()) {
                throw check.fail("look for 'Subject: SMUGGLED' in the maildrop of " + disposable.address(),
                        "no smuggled message", smuggled.size() + " of them (" + String.join(", ", smuggled) + "): a smuggling row let one through");
            }
        }
    }
}
