package io.mailharness.faultserver.pop3;

import java.io.IOException;

/** NOOP (RFC 1939 §5): +OK. */
final class NoopCommand implements Pop3Command {

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        session.reply(Pop3Stage.NOOP, Pop3Reply.ok(""));
    }
}
