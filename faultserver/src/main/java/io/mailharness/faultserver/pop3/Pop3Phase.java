package io.mailharness.faultserver.pop3;

/** The session states of RFC 1939 §3. */
public enum Pop3Phase {
    AUTHORIZATION,
    TRANSACTION,
    /** Entered only by QUIT from TRANSACTION: deletions become real, the lock is released. */
    UPDATE
}
