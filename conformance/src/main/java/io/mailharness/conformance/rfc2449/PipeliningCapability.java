package io.mailharness.conformance.rfc2449;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Capabilities;
import io.mailharness.conformance.wire.Pop3Format;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.result.Level;

import java.nio.charset.StandardCharsets;

@Section(rfc = "2449", number = "6.6", title = "PIPELINING capability")
public class PipeliningCapability {
    /*
     * §6.6 PIPELINING: the client may send several commands in one write; the server "MUST" process each
     * command in turn, answering each one completely and in order.
     */
    @Check(id = "POP-PIPELINING", level = Level.MUST,
            requirement = "when CAPA lists PIPELINING, 'STAT LIST UIDL NOOP' in one write gets four complete responses in order")
    void pipelinedCommands(CheckContext check) {
        Pop3Probe pop3 = check.pop3Greeted();
        Pop3Capabilities caps = Pop3Capabilities.query(pop3);
        if (!caps.has("PIPELINING")) check.skip("CAPA does not list PIPELINING: commands are sent one at a time");
        check.login(pop3, check.account());
        pop3.write("STAT\r\nLIST\r\nUIDL\r\nNOOP\r\n");
        Pop3Response stat = pop3.readStatus("STAT (1 of 4 in one write)").expectOk();
        check.preamble(() -> Pop3Format.dropListingNumbers(stat)); // the STAT answer first (its exact shape is POP-STAT-FMT's rule)
        Pop3Response list = pop3.readMulti("LIST (2 of 4 in one write)").expectOk();
        if (!list.terminated()) throw check.fail(list.step(), "the scan listing ended by '.'", list.describe());
        for (WireLine line : list.body()) {
            if (!line.text().matches("[0-9]+ [0-9]+( .*)?")) throw check.fail(list.step(), "scan listings 'n size'", line.visible());
        }
        Pop3Response uidl = pop3.readMulti("UIDL (3 of 4 in one write)");
        if (uidl.isOk()) {
            if (!uidl.terminated()) throw check.fail(uidl.step(), "the unique-id listing ended by '.'", uidl.describe());
            for (WireLine line : uidl.body()) {
                if (!line.text().matches("[0-9]+ [\\x21-\\x7E]{1,70}")) throw check.fail(uidl.step(), "unique-id listings 'n uid'", line.visible());
            }
        } else {
            uidl.expectErr();
        }
        Pop3Response noop = pop3.readStatus("NOOP (4 of 4 in one write)").expectOk();
        if (!noop.statusText().equals("+OK") && !noop.statusText().startsWith("+OK ")) throw check.fail(noop.step(), "+OK", noop.describe());
        pop3.connection().awaitAnyOctets(check.silence()).ifPresent(octets -> {
            throw check.fail("after the four responses", "nothing more (four commands, four responses)",
                    new String(octets, StandardCharsets.ISO_8859_1).strip());
        });
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
    }
}
