package io.mailharness.faultserver.pop3;

import io.mailharness.faultserver.store.StoredMessage;

import java.util.Optional;

/** Parses a msg argument (RFC 1939 §5): one decimal number naming a message that is not deleted. */
final class MessageNumber {

    /** A resolved message and the number the session gave it. */
    record Resolved(int number, StoredMessage message) {
    }

    private MessageNumber() {
    }

    /** A plain positive decimal (no sign, no spaces), or -1. */
    static int parse(String argument) {
        if (!argument.matches("[0-9]{1,9}")) {
            return -1;
        }
        return Integer.parseInt(argument);
    }

    static Optional<Resolved> resolve(Pop3State state, String argument) {
        int number = parse(argument);
        return state.snapshot().message(number).map(message -> new Resolved(number, message));
    }
}
