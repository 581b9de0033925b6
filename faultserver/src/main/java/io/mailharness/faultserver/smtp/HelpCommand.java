package io.mailharness.faultserver.smtp;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** HELP [topic] (RFC 5321 §4.1.1.8): 214 with text; 504 for an unknown topic. */
final class HelpCommand implements SmtpCommand {

    private static final Map<String, String> TOPICS = Map.ofEntries(
            Map.entry("EHLO", "EHLO <domain>"),
            Map.entry("HELO", "HELO <domain>"),
            Map.entry("MAIL", "MAIL FROM:<reverse-path> [SIZE=n] [BODY=7BIT|8BITMIME] [SMTPUTF8] [RET=] [ENVID=]"),
            Map.entry("RCPT", "RCPT TO:<forward-path> [NOTIFY=] [ORCPT=]"),
            Map.entry("DATA", "DATA, then the message, then <CRLF>.<CRLF>"),
            Map.entry("BDAT", "BDAT <size> [LAST]"),
            Map.entry("RSET", "RSET"),
            Map.entry("NOOP", "NOOP"),
            Map.entry("VRFY", "VRFY <user>"),
            Map.entry("HELP", "HELP [topic]"),
            Map.entry("QUIT", "QUIT"),
            Map.entry("STARTTLS", "STARTTLS"),
            Map.entry("AUTH", "AUTH <mechanism> [initial-response]"));

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (argument.isEmpty()) {
            session.reply(SmtpStage.HELP, SmtpReply.of(214,
                    "2.0.0 Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP VRFY HELP QUIT STARTTLS AUTH",
                    "2.0.0 End of HELP info"));
            return;
        }
        String topic = TOPICS.get(argument.toUpperCase(Locale.ROOT));
        if (topic == null) {
            session.reply(SmtpStage.HELP, SmtpReply.of(504, "5.5.4 HELP topic unknown"));
        } else {
            session.reply(SmtpStage.HELP, SmtpReply.of(214, "2.0.0 " + topic));
        }
    }
}
