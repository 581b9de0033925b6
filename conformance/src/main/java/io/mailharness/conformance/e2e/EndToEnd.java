package io.mailharness.conformance.e2e;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

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
            check.mailbox().expectDelivered(account, message.id()).expectSentAfterTraceFields(message.content());
        }
    }

    /* RFC 5321 §4.5.2 and RFC 1939 §3: lines starting with "." survive both hops unchanged. */
    @Check(id = "E2E-STUFF", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "lines '.', '..', '...', '.x', ' .', a 998-octet '.' line, first and last line '.', arrive unchanged")
    void dotTransparency(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "dot-stuffing", Corpus.dotStuffingBody());
        check.mailbox().deliver(account, message);
        check.mailbox().await(account, message.id()).expectBodyHolds(message.content());
    }
}
