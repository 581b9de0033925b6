package io.mailharness.faultserver.pop3;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** DELE msg (RFC 1939 §5): marks the message; it is removed only in the UPDATE state. */
final class DeleCommand implements Pop3Command {

    private final boolean removeAtOnce;

    /** @param removeAtOnce true only in the faulty variant: removed from the maildrop right away */
    DeleCommand(boolean removeAtOnce) {
        this.removeAtOnce = removeAtOnce;
    }

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        Optional<MessageNumber.Resolved> resolved = MessageNumber.resolve(session.state(), argument);
        if (resolved.isEmpty()) {
            session.reply(Pop3Stage.DELE, Pop3Reply.err("No such message or already deleted"));
            return;
        }
        MaildropSnapshot snapshot = session.state().snapshot();
        snapshot.markDeleted(resolved.get().number());
        if (removeAtOnce) {
            snapshot.maildrop().remove(List.of(resolved.get().message()));
        }
        session.reply(Pop3Stage.DELE, Pop3Reply.ok("Message " + resolved.get().number() + " deleted"));
    }
}
