package io.mailharness.faultserver.smtp;

import java.io.IOException;

/** EXPN (RFC 5321 §3.5.2): this server has no mailing lists and does not list EXPN, so 502. */
final class ExpnCommand implements SmtpCommand {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (argument.isEmpty()) {
            session.reply(SmtpStage.EXPN, SmtpReply.of(501, "5.5.4 EXPN needs a list name"));
            return;
        }
        session.reply(SmtpStage.EXPN, SmtpReply.of(502, "5.5.1 EXPN not implemented"));
    }
}
