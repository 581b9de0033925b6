package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.Fault;

/** Hook: told how many message-data octets have arrived (checked after each line or chunk piece). */
public interface SmtpBodyFault extends Fault {

    BodyAction onBodyOctets(long received);
}
