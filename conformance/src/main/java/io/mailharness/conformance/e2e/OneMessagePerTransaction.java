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

@Section(rfc = {"5321", "1939"}, number = "4.1.1.4", title = "End to end: one message per transaction")
public class OneMessagePerTransaction {
    /* RFC 5321 §4.1.1.4: one accepted transaction is one message: no loss, no duplicate. */
    @Check(id = "E2E-ONEMSG", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "one 250-accepted transaction yields exactly one message in the recipient's maildrop")
    void oneMessagePerTransaction(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "one message", Octets.ascii("only once\r\n"));
        check.mailbox().deliver(account, message);
        check.mailbox().await(account, message.id());
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        int copies = 0;
        for (long[] listing : Mailbox.list(pop3)) {
            Pop3Response top = pop3.sendMulti("TOP " + listing[0] + " 0");
            Pop3Response head = top.isOk() ? top : pop3.sendMulti("RETR " + listing[0]);
            String wanted = TestMessage.ID_HEADER + ": " + message.id();
            if (head.body().stream().anyMatch(l -> l.text().equalsIgnoreCase(wanted))) copies++;
        }
        pop3.send("QUIT");
        if (copies != 1) throw check.fail("count messages carrying " + message.id(), "exactly 1", copies + " messages");
    }
}
