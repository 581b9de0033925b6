package io.mailharness.faultserver.store;

/**
 * One copy of an accepted message for one recipient, ready to store: the octets already
 * carry that copy's trace header fields. {@code maildrop} is null for relayed mail.
 */
public record Delivery(String reversePath, String forwardPath, String maildrop, byte[] content) {

    public Delivery withContent(byte[] newContent) {
        return new Delivery(reversePath, forwardPath, maildrop, newContent);
    }

    public boolean isRelay() {
        return maildrop == null;
    }
}
