package io.mailharness.faultserver.smtp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** EHLO (RFC 5321 §4.1.1.1): multi-line 250 with the service extensions; resets the transaction. */
final class EhloCommand implements SmtpCommand {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        // Greeting and EHLO/HELO replies carry no enhanced status code (RFC 2034 §3).
        if (argument.isEmpty()) {
            session.reply(SmtpStage.EHLO, SmtpReply.of(501, "EHLO needs a domain or address literal"));
            return;
        }
        if (!AddressSyntax.isDomain(argument) && !AddressSyntax.isAddressLiteral(argument)) {
            session.reply(SmtpStage.EHLO, SmtpReply.of(501, "Invalid domain or address literal"));
            return;
        }
        SmtpState state = session.state();
        state.greet(argument, true);
        List<String> lines = new ArrayList<>();
        lines.add(session.config().hostName() + " greets " + argument);
        lines.add("PIPELINING");
        lines.add("SIZE " + session.config().sizeLimit());
        lines.add("8BITMIME");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("CHUNKING");
        lines.add("SMTPUTF8");
        lines.add("DSN");
        if (!state.tls()) {
            lines.add("STARTTLS"); // RFC 3207 §4.2: not offered again after the handshake
        }
        if (state.authOffered()) {
            lines.add("AUTH PLAIN LOGIN CRAM-MD5");
        }
        lines.add("VRFY");
        lines.add("HELP");
        session.reply(SmtpStage.EHLO, SmtpReply.of(250, lines.toArray(String[]::new)));
    }
}
