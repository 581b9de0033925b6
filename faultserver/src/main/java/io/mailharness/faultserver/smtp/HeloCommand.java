package io.mailharness.faultserver.smtp;

import java.io.IOException;

/** HELO (RFC 5321 §4.1.1.1): one single-line 250, never the EHLO-style list. */
final class HeloCommand implements SmtpCommand {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (argument.isEmpty()) {
            session.reply(SmtpStage.HELO, SmtpReply.of(501, "HELO needs a domain"));
            return;
        }
        if (!AddressSyntax.isDomain(argument) && !AddressSyntax.isAddressLiteral(argument)) {
            session.reply(SmtpStage.HELO, SmtpReply.of(501, "Invalid domain or address literal"));
            return;
        }
        session.state().greet(argument, false);
        session.reply(SmtpStage.HELO, SmtpReply.of(250, session.config().hostName()));
    }
}
