package io.mailharness.faultserver.smtp;

import java.io.IOException;

/** One SMTP command verb. Implementations reply through {@link SmtpSession#reply}. */
@FunctionalInterface
public interface SmtpCommand {

    /** @param argument the text after the verb and one SP, trailing white space removed; may be empty */
    void execute(SmtpSession session, String argument) throws IOException;
}
