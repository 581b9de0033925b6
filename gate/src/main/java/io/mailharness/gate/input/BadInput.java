package io.mailharness.gate.input;

/** A problem with what the user gave a command (a file, an argument). Its message is one line, printed as is. */
public final class BadInput extends RuntimeException {
    public BadInput(String oneLine) {
        super(oneLine);
    }
}
