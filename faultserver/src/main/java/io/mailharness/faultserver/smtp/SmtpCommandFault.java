package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.Fault;

/** Hook: replaces the command registered for one verb with a faulty variant. */
public interface SmtpCommandFault extends Fault {

    /** Upper-case verb, e.g. {@code RCPT}. */
    String verb();

    /** The variant; {@code original} (possibly null for a new verb) may be delegated to. */
    SmtpCommand replace(SmtpCommand original);
}
