package io.mailharness.settings;

/** How the POP3 connection is protected: in clear, upgraded with STLS (RFC 2595), or TLS from the first byte. */
public enum Pop3Security {
    PLAIN, STLS, TLS;

    static Pop3Security parse(String value, String key) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "plain" -> PLAIN;
            case "stls" -> STLS;
            case "tls", "implicit-tls", "pop3s" -> TLS;
            default -> throw new SettingsException(key, "unknown security mode '" + value + "' (use plain, stls or tls)");
        };
    }
}
