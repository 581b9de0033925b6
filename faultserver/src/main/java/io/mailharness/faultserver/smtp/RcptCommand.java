package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.ServerConfig;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * RCPT TO:&lt;forward-path&gt; [parameters] (RFC 5321 §4.1.1.3): local users get 250, unknown
 * local users 550 5.1.1, foreign domains 550 5.7.1 unless the client authenticated or the domain is the
 * configured relay domain.
 */
final class RcptCommand implements SmtpCommand {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        SmtpState state = session.state();
        MailTransaction transaction = state.transaction();
        if (transaction == null) {
            session.reply(SmtpStage.RCPT, SmtpReply.of(503, "5.5.1 Need MAIL before RCPT"));
            return;
        }
        if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
            session.reply(SmtpStage.RCPT, SmtpReply.of(501, "5.5.4 Syntax: RCPT TO:<forward-path>"));
            return;
        }
        try {
            AddressSyntax.Parsed parsed = AddressSyntax.parsePath(argument.substring(3), false, true);
            checkParameters(session, EsmtpParameters.parse(parsed.rest()));
            MailPath forwardPath = parsed.path();
            if (forwardPath.isInternationalized() && !transaction.smtpUtf8()) {
                session.reply(SmtpStage.RCPT, SmtpReply.of(553, "5.6.7 Non-ASCII address needs SMTPUTF8"));
                return;
            }
            if (transaction.recipients().size() >= session.config().rcptLimit()) {
                session.reply(SmtpStage.RCPT, SmtpReply.of(452, "4.5.3 Too many recipients"));
                return;
            }
            route(session, transaction, forwardPath);
        } catch (ReplyException e) {
            session.reply(SmtpStage.RCPT, e.reply());
        }
    }

    private static void route(SmtpSession session, MailTransaction transaction, MailPath forwardPath)
            throws IOException {
        ServerConfig config = session.config();
        String local = forwardPath.localPart();
        boolean postmaster = local.equalsIgnoreCase("postmaster");
        if (forwardPath.isBarePostmaster() || (postmaster && config.isLocalDomain(forwardPath.domain()))) {
            accept(session, transaction, forwardPath, "postmaster");
        } else if (config.isLocalDomain(forwardPath.domain())) {
            var account = config.account(local);
            if (account.isPresent()) {
                accept(session, transaction, forwardPath, account.get().user().toLowerCase(Locale.ROOT));
            } else {
                session.reply(SmtpStage.RCPT, SmtpReply.of(550, "5.1.1 " + forwardPath + ": no such user"));
            }
        } else if (session.state().authenticated() || config.relay().filter(r -> r.routes(forwardPath.domain())).isPresent()) {
            accept(session, transaction, forwardPath, null);
        } else {
            session.reply(SmtpStage.RCPT, SmtpReply.of(550, "5.7.1 Relaying denied"));
        }
    }

    private static void accept(SmtpSession session, MailTransaction transaction, MailPath forwardPath,
                               String maildrop) throws IOException {
        transaction.addRecipient(new MailTransaction.Recipient(forwardPath, maildrop));
        session.reply(SmtpStage.RCPT, SmtpReply.of(250, "2.1.5 Recipient " + forwardPath + " OK"));
    }

    /** NOTIFY and ORCPT from DSN (RFC 3461 §4); anything else is 555. */
    private static void checkParameters(SmtpSession session, Map<String, String> parameters) throws ReplyException {
        if (!parameters.isEmpty() && !session.state().esmtp()) {
            throw new ReplyException(555, "5.5.4 Parameters need EHLO");
        }
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "NOTIFY" -> {
                    if (value == null || !isNotify(value.toUpperCase(Locale.ROOT))) {
                        throw new ReplyException(501, "5.5.4 NOTIFY must be NEVER or SUCCESS,FAILURE,DELAY");
                    }
                }
                case "ORCPT" -> {
                    int semicolon = value == null ? -1 : value.indexOf(';');
                    if (semicolon <= 0 || !EsmtpParameters.isXtext(value.substring(semicolon + 1))
                            || semicolon == value.length() - 1) {
                        throw new ReplyException(501, "5.5.4 ORCPT must be addr-type;xtext");
                    }
                }
                default -> throw new ReplyException(555, "5.5.4 Unsupported parameter " + parameter.getKey());
            }
        }
    }

    private static boolean isNotify(String value) {
        if (value.equals("NEVER")) {
            return true;
        }
        for (String item : value.split(",", -1)) {
            if (!(item.equals("SUCCESS") || item.equals("FAILURE") || item.equals("DELAY"))) {
                return false;
            }
        }
        return true;
    }
}
