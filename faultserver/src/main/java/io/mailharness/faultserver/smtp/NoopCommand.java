package io.mailharness.faultserver.smtp;

import java.io.IOException;

/** NOOP (RFC 5321 §4.1.1.9): 250 in every state; a parameter is ignored. */
final class NoopCommand implements SmtpCommand {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        session.reply(SmtpStage.NOOP, SmtpReply.of(250, "2.0.0 OK"));
    }
}
