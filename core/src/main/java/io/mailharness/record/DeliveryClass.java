package io.mailharness.record;

import java.util.Locale;

/**
 * What a retrieved message looks like next to what was sent (the octets from the harness stamp on; trace
 * fields a server adds above the stamp never count). From harmless to worst.
 */
public enum DeliveryClass {
    /** Every octet as sent. */
    INTACT,
    /** As sent, with header fields the server added among ours (Status:, X-UID:, Return-Path:…). */
    ANNOTATED,
    /** One of our header fields changed or went missing (an address rewritten, a field refolded). */
    HEADERS_REWRITTEN,
    /** The body differs from the one sent (octets changed, added or removed inside it). */
    BODY_ALTERED,
    /** What was retrieved is what was sent, cut short. */
    TRUNCATED;

    /** Damaged: the delivery is not what was sent (annotation is not damage). */
    public boolean damaged() {
        return this.compareTo(HEADERS_REWRITTEN) >= 0;
    }

    /** The class as written in records and sample folders, e.g. {@code headers-rewritten}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
