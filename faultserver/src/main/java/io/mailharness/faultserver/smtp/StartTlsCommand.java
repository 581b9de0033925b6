package io.mailharness.faultserver.smtp;

import java.io.IOException;

/**
 * STARTTLS (RFC 3207 §4): 220, handshake, then the session starts over as if just greeted.
 * Commands the client pipelined after STARTTLS in clear are discarded, not executed.
 */
final class StartTlsCommand implements SmtpCommand {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (!argument.isEmpty()) {
            session.reply(SmtpStage.STARTTLS, SmtpReply.of(501, "5.5.4 Syntax error (no parameters allowed)"));
            return;
        }
        if (session.state().tls()) {
            session.reply(SmtpStage.STARTTLS, SmtpReply.of(503, "5.5.1 TLS already active"));
            return;
        }
        if (session.reply(SmtpStage.STARTTLS, SmtpReply.of(220, "2.0.0 Ready to start TLS"))) {
            try {
                session.startTls();
            } catch (IOException e) {
                session.drop(); // failed handshake: nothing sensible can follow on this connection
            }
        }
    }
}
