package io.mailharness.gatling.action;

/** How a RETR ended: deletion follows only a message retrieved whole, so a message never read is never deleted. */
enum Retrieval {
    /** Refused or cut off: the message stays, whatever it is. */
    FAILED,
    /** Retrieved whole, not a harness message. */
    OTHER,
    /** Retrieved whole, a harness message. */
    HARNESS;

    static Retrieval of(boolean harness) {
        return harness ? HARNESS : OTHER;
    }
}
