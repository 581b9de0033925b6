package io.mailharness.faultserver.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * A message in a maildrop: the exact octets stored (trace header fields included) and the
 * unique-id listing POP3 UIDL reports. Raw insertions have no envelope.
 */
public final class StoredMessage {

    private final String uid;
    private final byte[] content;
    private final String reversePath;
    private final String forwardPath;
    private final Instant stored;

    StoredMessage(String uid, byte[] content, String reversePath, String forwardPath, Instant stored) {
        this.uid = uid;
        this.content = content.clone();
        this.reversePath = reversePath;
        this.forwardPath = forwardPath;
        this.stored = stored;
    }

    public String uid() {
        return uid;
    }

    /** A copy of the stored octets. */
    public byte[] content() {
        return content.clone();
    }

    /** The stored octets decoded as UTF-8, for assertions. */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    public int size() {
        return content.length;
    }

    /** The MAIL FROM reverse-path ({@code <>} for the null path); empty for raw insertions. */
    public Optional<String> reversePath() {
        return Optional.ofNullable(reversePath);
    }

    /** The RCPT TO forward-path this copy was delivered for; empty for raw insertions. */
    public Optional<String> forwardPath() {
        return Optional.ofNullable(forwardPath);
    }

    public Instant stored() {
        return stored;
    }

    public boolean sameContentAs(StoredMessage other) {
        return Arrays.equals(content, other.content);
    }

    @Override
    public String toString() {
        return "StoredMessage[" + uid + ", " + content.length + " octets]";
    }
}
