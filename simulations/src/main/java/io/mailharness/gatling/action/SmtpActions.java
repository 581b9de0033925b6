package io.mailharness.gatling.action;

/** The SMTP actions of one request-name prefix, e.g. {@code MailDsl.smtp("SMTP").send()}. */
public final class SmtpActions {
    private final String prefix;

    public SmtpActions(String prefix) {
        this.prefix = prefix;
    }

    /** MAIL FROM, RCPT TO, DATA and the content, on the user's session (opened when needed). */
    public SmtpSendActionBuilder send() {
        return SmtpSendActionBuilder.send(prefix);
    }

    public SmtpCommandActionBuilder rset() {
        return SmtpCommandActionBuilder.rset(prefix);
    }

    /** Opens the user's session (connect+greeting, EHLO, STARTTLS, AUTH as the target asks) unless one is open. */
    public SmtpCommandActionBuilder connect() {
        return SmtpCommandActionBuilder.connect(prefix);
    }

    /** NOOP on the user's open session (keeps an idle session alive). */
    public SmtpCommandActionBuilder noop() {
        return SmtpCommandActionBuilder.noop(prefix);
    }

    public SmtpCommandActionBuilder quit() {
        return SmtpCommandActionBuilder.quit(prefix);
    }
}
