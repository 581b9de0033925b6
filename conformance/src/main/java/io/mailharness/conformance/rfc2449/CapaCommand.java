package io.mailharness.conformance.rfc2449;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Capabilities;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.result.Level;

import java.util.List;
import java.util.Set;

@Section(rfc = "2449", number = "5", title = "The CAPA Command")
public class CapaCommand {
    /** Capabilities whose commands exist only before login, so they may vanish from the list after it. */
    private static final Set<String> AUTHORIZATION_ONLY = Set.of("USER", "STLS", "SASL", "APOP");

    /*
     * §5: CAPA answers +OK and a multi-line list, one capability per line (a tag, then arguments separated by
     * spaces), ended by "."; response lines keep within 512 octets (§4). Capabilities available in the
     * AUTHORIZATION state are announced in both states, apart from those whose command is gone after login.
     */
    @Check(id = "POP-CAPA", level = Level.MUST,
            requirement = "CAPA (if supported) lists one capability per line (<=512 octets, CRLF) ended by '.', before and after login; after login it repeats every capability whose command still exists")
    void capabilityList(CheckContext check) {
        Pop3Probe pop3 = check.pop3Greeted();
        Pop3Capabilities before = Pop3Capabilities.query(pop3);
        if (!before.offered()) check.skip("CAPA is not supported (" + before.response().describe() + "): RFC 2449 does not apply");
        judgeList(check, before);
        check.login(pop3, check.account());
        Pop3Capabilities after = Pop3Capabilities.query(pop3);
        after.response().expectOk();
        judgeList(check, after);
        List<String> missing = before.tags().stream()
                .filter(tag -> !AUTHORIZATION_ONLY.contains(tag) && !after.has(tag)).toList();
        if (!missing.isEmpty()) {
            throw check.fail("CAPA after login", "the AUTHORIZATION capabilities again (except USER, STLS, SASL): " + before.tags(),
                    after.tags() + ", missing " + missing);
        }
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
    }

    private static void judgeList(CheckContext check, Pop3Capabilities capabilities) {
        String step = capabilities.response().step();
        if (!capabilities.response().terminated()) throw check.fail(step, "a list ended by the line '.'", capabilities.response().describe());
        for (WireLine line : capabilities.response().body()) {
            if (line.ending() != WireLine.Ending.CRLF) throw check.fail(step, "capability lines ended by CRLF", line.visible());
            if (line.wireLength() > 512) throw check.fail(step, "capability lines of at most 512 octets", line.wireLength() + " octets");
            if (!line.text().matches("[\\x21-\\x7E]+( [\\x21-\\x7E]+)*")) {
                throw check.fail(step, "a capability tag, then arguments separated by single spaces (printable, no controls)", line.visible());
            }
        }
    }
}
