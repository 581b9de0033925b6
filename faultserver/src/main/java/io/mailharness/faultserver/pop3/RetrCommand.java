package io.mailharness.faultserver.pop3;

import io.mailharness.protocol.DotStuffing;
import java.io.IOException;
import java.util.Optional;

/** RETR msg (RFC 1939 §5): the whole message, byte-stuffed, ending CRLF.CRLF. */
final class RetrCommand implements Pop3Command {

    private final boolean byteStuffing;

    /** @param byteStuffing false only in the faulty variant */
    RetrCommand(boolean byteStuffing) {
        this.byteStuffing = byteStuffing;
    }

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        Optional<MessageNumber.Resolved> resolved = MessageNumber.resolve(session.state(), argument);
        if (resolved.isEmpty()) {
            session.reply(Pop3Stage.RETR, Pop3Reply.err("No such message"));
            return;
        }
        byte[] octets = MaildropSnapshot.octets(resolved.get().message());
        String status = "+OK " + octets.length + " octets";
        byte[] body = byteStuffing ? DotStuffing.multilineResponse(octets, DotStuffing.LineStart.AFTER_CR_OR_LF) : DotStuffing.terminatedUnstuffed(octets);
        session.reply(Pop3Stage.RETR, new Pop3Reply(status, body, Pop3Reply.After.CONTINUE));
    }
}
