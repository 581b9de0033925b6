package io.mailharness.faultserver.smtp;

/**
 * A reverse-path or forward-path (RFC 5321 §4.1.2) without its source route. The null
 * reverse-path {@code <>} has an empty local part and domain; {@code <Postmaster>} has no domain.
 */
public record MailPath(String localPart, String domain) {

    public static final MailPath NULL = new MailPath("", "");

    public boolean isNull() {
        return localPart.isEmpty() && domain.isEmpty();
    }

    /** The bare {@code <Postmaster>} forward-path, without a domain (RFC 5321 §4.1.1.3). */
    public boolean isBarePostmaster() {
        return domain.isEmpty() && !localPart.isEmpty();
    }

    public String mailbox() {
        if (isNull()) {
            return "";
        }
        return domain.isEmpty() ? localPart : localPart + "@" + domain;
    }

    /** True when the path holds non-ASCII characters, which need SMTPUTF8 (RFC 6531). */
    public boolean isInternationalized() {
        return mailbox().chars().anyMatch(c -> c > 0x7F);
    }

    @Override
    public String toString() {
        return "<" + mailbox() + ">";
    }
}
