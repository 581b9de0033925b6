package io.mailharness.faultserver.pop3;

import java.io.IOException;

/** STLS (RFC 2595 §4): no arguments, AUTHORIZATION state only, once. */
final class StlsCommand implements Pop3Command {

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        if (!argument.isEmpty()) {
            session.reply(Pop3Stage.STLS, Pop3Reply.err("STLS takes no arguments"));
            return;
        }
        if (session.state().tls()) {
            session.reply(Pop3Stage.STLS, Pop3Reply.err("TLS already active"));
            return;
        }
        if (session.reply(Pop3Stage.STLS, Pop3Reply.ok("Begin TLS negotiation"))) {
            try {
                session.startTls();
            } catch (IOException e) {
                session.close();
            }
        }
    }
}
