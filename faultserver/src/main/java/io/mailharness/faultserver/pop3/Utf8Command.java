package io.mailharness.faultserver.pop3;

import java.io.IOException;

/** UTF8 (RFC 6856 §2): allowed in AUTHORIZATION only; -ERR after login. */
final class Utf8Command implements Pop3Command {

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        if (session.state().phase() != Pop3Phase.AUTHORIZATION) {
            session.reply(Pop3Stage.UTF8, Pop3Reply.err("UTF8 only before login"));
            return;
        }
        session.state().enableUtf8();
        session.reply(Pop3Stage.UTF8, Pop3Reply.ok("UTF8 enabled"));
    }
}
