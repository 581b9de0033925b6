package io.mailharness.faultserver.pop3;

import java.io.IOException;

/** QUIT (RFC 1939 §6): from TRANSACTION it enters UPDATE, which alone removes marked messages. */
final class QuitCommand implements Pop3Command {

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        Pop3State state = session.state();
        if (state.phase() == Pop3Phase.TRANSACTION) {
            state.update();
            session.reply(Pop3Stage.QUIT, Pop3Reply.ok("Bye (" + state.snapshot().maildrop().count()
                    + " messages left)").thenClose());
        } else {
            session.reply(Pop3Stage.QUIT, Pop3Reply.ok("Bye").thenClose());
        }
    }
}
