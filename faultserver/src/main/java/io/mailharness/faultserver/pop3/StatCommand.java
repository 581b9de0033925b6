package io.mailharness.faultserver.pop3;

import java.io.IOException;

/** STAT (RFC 1939 §5): {@code +OK nn mm}, deleted messages not counted. */
final class StatCommand implements Pop3Command {

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        if (!argument.isEmpty()) {
            session.reply(Pop3Stage.STAT, Pop3Reply.err("STAT takes no arguments"));
            return;
        }
        MaildropSnapshot snapshot = session.state().snapshot();
        session.reply(Pop3Stage.STAT, Pop3Reply.ok(snapshot.visibleCount() + " " + snapshot.visibleOctets()));
    }
}
