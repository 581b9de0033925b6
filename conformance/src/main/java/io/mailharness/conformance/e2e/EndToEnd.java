package io.mailharness.conformance.e2e;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.check.StoredMessages;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.util.ArrayList;
import java.util.List;

@Section(rfc = {"5321", "1939"}, number = "4.5.2", title = "End to end: SMTP in, POP3 out")
public class EndToEnd {
    /*
     * RFC 5321 §4.5.2: the receiver delivers all characters of the message, dot-stuffing removed; §4.4 lets it
     * add trace header fields at the top. RFC 1939 §3: RETR gives the message back, byte-stuffed on the wire.
     */
    @Check(id = "E2E-ROUNDTRIP", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "a message sent by DATA comes back by RETR byte for byte after the trace fields the server added")
    void roundTrip(CheckContext check) {
        Account account = check.disposableAccount();
        int n = 0;
        for (byte[] body : Corpus.roundTripBodies()) {
            TestMessage message = check.mailbox().message(account, "round trip " + (++n), body);
            check.mailbox().deliver(account, message);
            Mailbox.Found found = check.mailbox().await(account, message.id());
            expectTail("message " + n, found.octets(), message.content(), check);
        }
    }

    /* RFC 5321 §4.5.2 and RFC 1939 §3: lines starting with "." survive both hops unchanged. */
    @Check(id = "E2E-STUFF", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "lines '.', '..', '...', '.x', ' .', a 998-octet '.' line, first and last line '.', arrive unchanged")
    void dotTransparency(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "dot-stuffing", Corpus.dotStuffingBody());
        check.mailbox().deliver(account, message);
        Mailbox.Found found = check.mailbox().await(account, message.id());
        expectTail("dot-stuffing message", found.octets(), message.content(), check);
    }

    /* RFC 1939 §5, §11: LIST gives the exact size, the octets RETR transfers without the stuffing dots. */
    @Check(id = "E2E-SIZE", level = Level.MUST, section = "11", modes = Mode.MUTATES_MAILBOX,
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

    /* RFC 5321 §4.1.1.4: one accepted transaction is one message: no loss, no duplicate. */
    @Check(id = "E2E-ONEMSG", level = Level.MUST, section = "4.1.1.4", modes = Mode.MUTATES_MAILBOX,
            requirement = "one 250-accepted transaction yields exactly one message in the recipient's maildrop")
    void oneMessagePerTransaction(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "one message", Corpus.ascii("only once\r\n"));
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

    private static void expectTail(String what, byte[] stored, byte[] sent, CheckContext check) {
        if (StoredMessages.holdsAfterTraceFields(stored, sent)) return;
        throw check.fail("RETR of " + what, "the sent octets after the trace header fields (" + sent.length + " octets)",
                "stored " + stored.length + " octets: " + StoredMessages.difference(stored, sent));
    }
}
