package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.LocalAccount;

import java.io.IOException;
import java.util.Optional;

/**
 * VRFY (RFC 5321 §3.5.1, §4.1.1.6): 250 with the mailbox for a local user, 550 for an unknown
 * local one, 252 when it cannot tell (foreign domain); never 250 for an unverified address.
 */
final class VrfyCommand implements SmtpCommand {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (argument.isEmpty()) {
            session.reply(SmtpStage.VRFY, SmtpReply.of(501, "5.5.4 VRFY needs a user name or mailbox"));
            return;
        }
        String query = argument.startsWith("<") && argument.endsWith(">")
                ? argument.substring(1, argument.length() - 1) : argument;
        String user = query;
        int at = query.lastIndexOf('@');
        if (at >= 0) {
            if (!session.config().isLocalDomain(query.substring(at + 1))) {
                session.reply(SmtpStage.VRFY,
                        SmtpReply.of(252, "2.1.5 Cannot VRFY user, but will accept message for local users"));
                return;
            }
            user = query.substring(0, at);
        }
        String domain = session.config().localDomain();
        if (user.equalsIgnoreCase("postmaster")) {
            session.reply(SmtpStage.VRFY, SmtpReply.of(250, "2.1.5 <postmaster@" + domain + ">"));
            return;
        }
        Optional<LocalAccount> account = session.config().account(user);
        if (account.isPresent()) {
            session.reply(SmtpStage.VRFY, SmtpReply.of(250, "2.1.5 <" + account.get().address() + ">"));
        } else {
            session.reply(SmtpStage.VRFY, SmtpReply.of(550, "5.1.1 No such user"));
        }
    }
}
