package io.mailharness.sink.store;

/** A message kept for POP3: its octets as received (un-stuffed) and its unique-id, stable for the sink's life. */
public record KeptMessage(String uniqueId, byte[] content) {
    public int size() {
        return content.length;
    }
}
