package io.mailharness.faultserver.pop3;

import io.mailharness.faultserver.store.StoredMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** UIDL [msg] (RFC 1939 §7): the unique-id listing; where ids come from is a {@link UidSource}. */
final class UidlCommand implements Pop3Command {

    /** Gives the unique-id of a message that has number {@code number} in this session. */
    @FunctionalInterface
    interface UidSource {
        String uid(int number, StoredMessage message);
    }

    /** The conforming source: the store's ids, unique and never reused. */
    static final UidSource STORE_UIDS = (number, message) -> message.uid();

    private final UidSource uids;

    UidlCommand(UidSource uids) {
        this.uids = uids;
    }

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        MaildropSnapshot snapshot = session.state().snapshot();
        if (!argument.isEmpty()) {
            Optional<MessageNumber.Resolved> resolved = MessageNumber.resolve(session.state(), argument);
            if (resolved.isEmpty()) {
                session.reply(Pop3Stage.UIDL, Pop3Reply.err("No such message"));
                return;
            }
            int number = resolved.get().number();
            session.reply(Pop3Stage.UIDL, Pop3Reply.ok(number + " " + uids.uid(number, resolved.get().message())));
            return;
        }
        List<String> lines = new ArrayList<>();
        for (int n = 1; n <= snapshot.size(); n++) {
            int number = n;
            snapshot.message(n).ifPresent(message -> lines.add(number + " " + uids.uid(number, message)));
        }
        session.reply(Pop3Stage.UIDL, Pop3Reply.multiline("Unique-id listing follows", lines));
    }
}
