package io.mailharness.message;

/**
 * A message the harness sends: its harness id (carried in a header so the receiving side can find it)
 * and its octets, CRLF line ends, not yet dot-stuffed.
 */
public record TestMessage(String id, byte[] content) {
    /** The header field that carries the harness id. */
    public static final String ID_HEADER = "X-Mailharness-Id";

    public int size() {
        return content.length;
    }
}
