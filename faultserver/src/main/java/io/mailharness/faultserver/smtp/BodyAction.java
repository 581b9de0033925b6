package io.mailharness.faultserver.smtp;

/** What the session does while message data (DATA or BDAT) is arriving. */
public enum BodyAction {
    CONTINUE,
    /** Close the connection at once, no reply. */
    DROP,
    /** Stop reading and answering; leave the connection open until the server closes. */
    STALL
}
