package io.mailharness.faultserver.pop3;

import java.io.IOException;

/** USER name (RFC 1939 §7): always +OK, so the reply does not reveal which users exist. */
final class UserCommand implements Pop3Command {

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        if (argument.isBlank()) {
            session.state().pendingUser(null);
            session.reply(Pop3Stage.USER, Pop3Reply.err("USER needs a name"));
            return;
        }
        session.state().pendingUser(argument);
        session.reply(Pop3Stage.USER, Pop3Reply.ok("Send PASS"));
    }
}
