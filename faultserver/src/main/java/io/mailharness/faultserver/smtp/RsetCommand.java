package io.mailharness.faultserver.smtp;

import java.io.IOException;

/** RSET (RFC 5321 §4.1.1.5): clears the transaction only; MUST answer 250 and MUST NOT close. */
final class RsetCommand implements SmtpCommand {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (!argument.isEmpty()) {
            session.reply(SmtpStage.RSET, SmtpReply.of(501, "5.5.4 RSET takes no parameters"));
            return;
        }
        session.state().resetTransaction();
        session.reply(SmtpStage.RSET, SmtpReply.of(250, "2.0.0 OK"));
    }
}
