package io.mailharness.faultserver.smtp;

import java.io.IOException;

/** QUIT (RFC 5321 §4.1.1.10): 221, then close; an open transaction is cancelled, never delivered. */
final class QuitCommand implements SmtpCommand {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (!argument.isEmpty()) {
            session.reply(SmtpStage.QUIT, SmtpReply.of(501, "5.5.4 QUIT takes no parameters"));
            return;
        }
        session.state().resetTransaction();
        session.reply(SmtpStage.QUIT, SmtpReply.of(221, "2.0.0 " + session.config().hostName() + " closing")
                .thenClose());
    }
}
