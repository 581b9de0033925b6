package io.mailharness.faultserver.pop3;

import io.mailharness.faultserver.Credentials;
import io.mailharness.faultserver.net.Line;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** AUTH [PLAIN [initial-response]] (RFC 5034). A failure leaves the session in AUTHORIZATION. */
final class AuthCommand implements Pop3Command {

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        if (argument.isEmpty()) {
            session.reply(Pop3Stage.AUTH, Pop3Reply.multiline("Supported mechanisms", List.of("PLAIN")));
            return;
        }
        String[] words = argument.split(" ", 2);
        if (!words[0].toUpperCase(Locale.ROOT).equals("PLAIN")) {
            session.reply(Pop3Stage.AUTH, Pop3Reply.err("Unsupported mechanism"));
            return;
        }
        String response = words.length > 1 ? words[1] : null;
        if (response == null) {
            if (!session.reply(Pop3Stage.AUTH, Pop3Reply.raw("+ "))) {
                return;
            }
            Line line = session.readLine();
            if (line == null) {
                session.close();
                return;
            }
            response = line.text().strip();
        } else if (response.equals("=")) {
            response = "";
        }
        if (response.equals("*")) {
            session.reply(Pop3Stage.AUTH, Pop3Reply.err("Authentication cancelled"));
            return;
        }
        Optional<String[]> decoded = Credentials.decodePlain(response);
        if (decoded.isEmpty()) {
            session.reply(Pop3Stage.AUTH, Pop3Reply.err("Malformed PLAIN response"));
            return;
        }
        MaildropOpener.open(session, Pop3Stage.AUTH,
                Credentials.check(session.config(), decoded.get()[0], decoded.get()[1]));
    }
}
