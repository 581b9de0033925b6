package io.mailharness.faultserver.pop3;

import io.mailharness.faultserver.store.StoredMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** LIST [msg] (RFC 1939 §5): exact octet sizes, as RETR will transfer them before stuffing. */
final class ListCommand implements Pop3Command {

    private final int sizeSkew;

    /** @param sizeSkew added to every reported size; non-zero only in the faulty variant */
    ListCommand(int sizeSkew) {
        this.sizeSkew = sizeSkew;
    }

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        MaildropSnapshot snapshot = session.state().snapshot();
        if (!argument.isEmpty()) {
            Optional<MessageNumber.Resolved> resolved = MessageNumber.resolve(session.state(), argument);
            if (resolved.isEmpty()) {
                session.reply(Pop3Stage.LIST, Pop3Reply.err("No such message"));
                return;
            }
            session.reply(Pop3Stage.LIST, Pop3Reply.ok(resolved.get().number() + " " + size(resolved.get().message())));
            return;
        }
        List<String> lines = new ArrayList<>();
        for (int n = 1; n <= snapshot.size(); n++) {
            int number = n;
            snapshot.message(n).ifPresent(message -> lines.add(number + " " + size(message)));
        }
        session.reply(Pop3Stage.LIST, Pop3Reply.multiline(snapshot.visibleCount() + " messages ("
                + snapshot.visibleOctets() + " octets)", lines));
    }

    private long size(StoredMessage message) {
        return MaildropSnapshot.octets(message).length + sizeSkew;
    }
}
