package io.mailharness.faultserver.pop3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * CAPA (RFC 2449 §5). After login USER, STLS and SASL are left out because their commands
 * are gone; the others are repeated.
 */
final class CapaCommand implements Pop3Command {

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        if (!argument.isEmpty()) {
            session.reply(Pop3Stage.CAPA, Pop3Reply.err("CAPA takes no arguments"));
            return;
        }
        Pop3State state = session.state();
        boolean authorization = state.phase() == Pop3Phase.AUTHORIZATION;
        List<String> capabilities = new ArrayList<>(List.of("TOP", "UIDL"));
        if (authorization) {
            capabilities.add("USER");
        }
        capabilities.add("RESP-CODES");
        capabilities.add("AUTH-RESP-CODE");
        capabilities.add("PIPELINING");
        // RFC 2449 §6.5: no minimum delay between logins, announced so clients need not guess.
        capabilities.add("LOGIN-DELAY 0");
        if (authorization && !state.tls()) {
            capabilities.add("STLS");
        }
        if (authorization) {
            capabilities.add("SASL PLAIN");
        }
        capabilities.add("UTF8");
        capabilities.add("IMPLEMENTATION Mailharness-fault-server");
        session.reply(Pop3Stage.CAPA, Pop3Reply.multiline("Capability list follows", capabilities));
    }
}
