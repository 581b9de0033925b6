package io.mailharness.result;

/** A result file that cannot be read: missing, not JSON, or malformed. The message is one line naming the file. */
public final class ResultFileException extends RuntimeException {
    public ResultFileException(String message) {
        super(message.replaceAll("\\s+", " ").strip());
    }
}
