package io.mailharness.faultserver.pop3;

import java.io.IOException;

/** STLS (RFC 2595 §4): no arguments, AUTHORIZATION state only, once. */
final class StlsCommand implements Pop3Command {

    private final boolean discardPlaintext;

    /** @param discardPlaintext false only in the faulty variant: read-ahead plaintext runs after the handshake */
    StlsCommand(boolean discardPlaintext) {
        this.discardPlaintext = discardPlaintext;
    }

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
                session.startTls(discardPlaintext);
            } catch (IOException e) {
                session.close();
            }
        }
    }
}
