package io.mailharness.pages;

/** A user error in the comparison's input (a missing or malformed file, a bad option): one line, fit to print as is. */
public final class ComparisonInputException extends RuntimeException {
    public ComparisonInputException(String message) {
        super(message.replaceAll("\\s+", " ").strip());
    }
}
