package io.mailharness.conformance.e2e;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.util.ArrayList;
import java.util.List;

@Section(rfc = {"5321", "1939"}, number = "11", title = "End to end: message sizes")
public class MessageSizes {
    /* RFC 1939 §5, §11: LIST gives the exact size, the octets RETR transfers without the stuffing dots. */
    @Check(id = "E2E-SIZE", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "for every delivered message LIST n equals the length of RETR n with stuffing removed")
    void sizes(CheckContext check) {
        Account account = check.disposableAccount();
        List<byte[]> bodies = new ArrayList<>(Corpus.roundTripBodies());
        bodies.add(Corpus.dotStuffingBody());
        int n = 0;
        for (byte[] body : bodies) {
            TestMessage message = check.mailbox().message(account, "size " + (++n), body);
            check.mailbox().deliver(account, message);
            Mailbox.Found found = check.mailbox().await(account, message.id());
            if (found.listedSize() != found.octets().length) {
                throw check.fail("LIST " + found.number() + " vs RETR " + found.number(),
                        "size " + found.octets().length + " (octets RETR transferred, stuffing removed)",
                        "LIST says " + found.listedSize());
            }
        }
    }
}
