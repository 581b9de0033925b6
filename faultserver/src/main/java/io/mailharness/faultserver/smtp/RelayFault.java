package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.Fault;

/** Hook: how the relay writes a message to its next hop after 354 (the conforming way is {@link Relay#dataSection}). */
public interface RelayFault extends Fault {

    /** The octets sent after the next hop's 354, end-of-data line included, for a message as the server holds it. */
    byte[] dataSection(byte[] content);
}
