package io.mailharness.faultserver.pop3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/** TOP msg n (RFC 1939 §7): the header, the blank line, then the first n body lines. */
final class TopCommand implements Pop3Command {

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        String[] words = argument.split(" ", -1);
        if (words.length != 2 || !words[1].matches("[0-9]{1,9}")) {
            session.reply(Pop3Stage.TOP, Pop3Reply.err("Syntax: TOP msg n"));
            return;
        }
        Optional<MessageNumber.Resolved> resolved = MessageNumber.resolve(session.state(), words[0]);
        if (resolved.isEmpty()) {
            session.reply(Pop3Stage.TOP, Pop3Reply.err("No such message"));
            return;
        }
        byte[] octets = MaildropSnapshot.octets(resolved.get().message());
        session.reply(Pop3Stage.TOP, Pop3Reply.multiline("Top of message follows",
                top(octets, Integer.parseInt(words[1]))));
    }

    /** Lines end at LF; the header ends at the first empty line. */
    static byte[] top(byte[] message, int bodyLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean inHeader = true;
        int bodyLinesLeft = bodyLines;
        int lineStart = 0;
        for (int i = 0; i < message.length; i++) {
            if (message[i] != '\n') {
                continue;
            }
            int length = i + 1 - lineStart;
            boolean empty = length == 1 || (length == 2 && message[lineStart] == '\r');
            if (inHeader) {
                out.write(message, lineStart, length);
                inHeader = !empty;
            } else if (bodyLinesLeft-- > 0) {
                out.write(message, lineStart, length);
            } else {
                break;
            }
            lineStart = i + 1;
        }
        return out.toByteArray();
    }
}
