package io.mailharness.faultserver.smtp;

import java.io.IOException;

/** A verb RFC 5321 knows but this server does not offer: 502, not 500 (§4.2.4). */
final class NotImplementedCommand implements SmtpCommand {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        session.reply(SmtpStage.UNKNOWN, SmtpReply.of(502, "5.5.1 Command not implemented"));
    }
}
