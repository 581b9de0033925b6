package io.mailharness.settings;

/** How the SMTP connection is protected: in clear, upgraded with STARTTLS (RFC 3207), or TLS from the first byte. */
public enum SmtpSecurity {
    PLAIN, STARTTLS, TLS;

    static SmtpSecurity parse(String value, String key) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "plain" -> PLAIN;
            case "starttls" -> STARTTLS;
            case "tls", "implicit-tls", "smtps" -> TLS;
            default -> throw new SettingsException(key, "unknown security mode '" + value + "' (use plain, starttls or tls)");
        };
    }
}
