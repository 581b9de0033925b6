package io.mailharness.faultserver.pop3;

import java.io.IOException;

/** RSET (RFC 1939 §5): unmarks every message marked deleted in this session. */
final class RsetCommand implements Pop3Command {

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        MaildropSnapshot snapshot = session.state().snapshot();
        snapshot.unmarkAll();
        session.reply(Pop3Stage.RSET, Pop3Reply.ok("Maildrop has " + snapshot.visibleCount() + " messages ("
                + snapshot.visibleOctets() + " octets)"));
    }
}
