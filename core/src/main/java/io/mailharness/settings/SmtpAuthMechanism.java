package io.mailharness.settings;

/** SASL mechanisms the harness can use for SMTP AUTH (RFC 4954). */
public enum SmtpAuthMechanism {
    PLAIN, LOGIN, CRAM_MD5;

    /** The name as it appears on the wire, e.g. {@code CRAM-MD5}. */
    public String wireName() {
        return name().replace('_', '-');
    }

    static SmtpAuthMechanism parse(String value, String key) {
        for (SmtpAuthMechanism m : values()) {
            if (m.wireName().equalsIgnoreCase(value.trim())) return m;
        }
        throw new SettingsException(key, "unknown AUTH mechanism '" + value + "' (use PLAIN, LOGIN or CRAM-MD5)");
    }
}
