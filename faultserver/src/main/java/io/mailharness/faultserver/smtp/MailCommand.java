package io.mailharness.faultserver.smtp;

import java.io.IOException;
import java.util.Map;

/** MAIL FROM:&lt;reverse-path&gt; [parameters] (RFC 5321 §4.1.1.2): opens a mail transaction. */
final class MailCommand implements SmtpCommand {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        SmtpState state = session.state();
        if (!state.greeted()) {
            session.reply(SmtpStage.MAIL, SmtpReply.of(503, "5.5.1 Send EHLO or HELO first"));
            return;
        }
        if (state.transaction() != null) {
            session.reply(SmtpStage.MAIL, SmtpReply.of(503, "5.5.1 Nested MAIL command"));
            return;
        }
        if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
            session.reply(SmtpStage.MAIL, SmtpReply.of(501, "5.5.4 Syntax: MAIL FROM:<reverse-path>"));
            return;
        }
        try {
            AddressSyntax.Parsed parsed = AddressSyntax.parsePath(argument.substring(5), true, false);
            Map<String, String> parameters = EsmtpParameters.parse(parsed.rest());
            boolean smtpUtf8 = checkParameters(session, parameters);
            if (parsed.path().isInternationalized() && !smtpUtf8) {
                session.reply(SmtpStage.MAIL, SmtpReply.of(553, "5.6.7 Non-ASCII address needs SMTPUTF8"));
                return;
            }
            state.beginTransaction(new MailTransaction(parsed.path(), smtpUtf8));
            session.reply(SmtpStage.MAIL, SmtpReply.of(250, "2.1.0 Sender " + parsed.path() + " OK"));
        } catch (ReplyException e) {
            session.reply(SmtpStage.MAIL, e.reply());
        }
    }

    /** Checks SIZE, BODY, SMTPUTF8, RET, ENVID, AUTH; anything else is 555 (§4.1.1.11). */
    private static boolean checkParameters(SmtpSession session, Map<String, String> parameters)
            throws ReplyException {
        if (!parameters.isEmpty() && !session.state().esmtp()) {
            throw new ReplyException(555, "5.5.4 Parameters need EHLO");
        }
        boolean smtpUtf8 = false;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "SIZE" -> {
                    if (value == null || !value.matches("[0-9]{1,18}")) {
                        throw new ReplyException(501, "5.5.4 SIZE needs a decimal number");
                    }
                    if (Long.parseLong(value) > session.config().sizeLimit()) {
                        throw new ReplyException(552, "5.3.4 Message size exceeds fixed limit");
                    }
                }
                case "BODY" -> {
                    if (value == null || !(value.equalsIgnoreCase("7BIT") || value.equalsIgnoreCase("8BITMIME"))) {
                        throw new ReplyException(501, "5.5.4 BODY must be 7BIT or 8BITMIME");
                    }
                }
                case "SMTPUTF8" -> {
                    if (value != null) {
                        throw new ReplyException(501, "5.5.4 SMTPUTF8 takes no value");
                    }
                    smtpUtf8 = true;
                }
                case "RET" -> {
                    if (value == null || !(value.equalsIgnoreCase("FULL") || value.equalsIgnoreCase("HDRS"))) {
                        throw new ReplyException(501, "5.5.4 RET must be FULL or HDRS");
                    }
                }
                case "ENVID" -> {
                    if (value == null || value.length() > 100 || !EsmtpParameters.isXtext(value)) {
                        throw new ReplyException(501, "5.5.4 Bad ENVID");
                    }
                }
                case "AUTH" -> {
                    if (value == null || !(value.equals("<>") || EsmtpParameters.isXtext(value))) {
                        throw new ReplyException(501, "5.5.4 Bad AUTH parameter");
                    }
                }
                default -> throw new ReplyException(555, "5.5.4 Unsupported parameter " + parameter.getKey());
            }
        }
        return smtpUtf8;
    }
}
