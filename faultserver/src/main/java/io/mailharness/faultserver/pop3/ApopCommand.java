package io.mailharness.faultserver.pop3;

import io.mailharness.faultserver.Credentials;

import java.io.IOException;
import java.util.Locale;

/** APOP name digest (RFC 1939 §7): MD5 of the greeting's timestamp and the password. */
final class ApopCommand implements Pop3Command {

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        String[] words = argument.split(" ");
        if (words.length != 2 || !words[1].matches("[0-9a-fA-F]{32}")) {
            session.reply(Pop3Stage.APOP, Pop3Reply.err("Syntax: APOP name digest"));
            return;
        }
        Pop3State state = session.state();
        String digest = words[1].toLowerCase(Locale.ROOT);
        MaildropOpener.open(session, Pop3Stage.APOP, Credentials.account(state.config(), words[0])
                .filter(a -> Credentials.md5Hex(state.apopTimestamp() + a.password()).equals(digest)));
    }
}
