package io.mailharness.settings;

import java.util.List;
import java.util.Set;

/** The keys a target may hold, so that a typo is reported instead of silently ignored. */
final class TargetSchema {
    /** Leaf keys that may be set (and overridden from the command line or environment). */
    static final List<String> SCALAR_KEYS = List.of(
            "description", "domain",
            "smtp.host", "smtp.port", "smtp.security", "smtp.auth",
            "pop3.host", "pop3.port", "pop3.security",
            "tls.verify", "tls.trust-store",
            "timeouts.connect", "timeouts.read",
            "limits.reply-line", "limits.reply-lines", "limits.reply-octets",
            "reconnect.initial", "reconnect.max",
            "relay.domain", "relay.next-hop-host", "relay.next-hop-port");

    static final Set<String> SECTIONS = Set.of("smtp", "pop3", "tls", "timeouts", "limits", "reconnect", "relay");
    static final String ACCOUNTS = "accounts";
    static final Set<String> ACCOUNT_KEYS = Set.of("address", "user", "password", "disposable");

    /** The file's top level: the targets, and settings every target starts from. */
    static final String TARGETS = "targets";
    static final String DEFAULTS = "defaults";

    private TargetSchema() {}

    static boolean isKnownPath(String path) {
        return SCALAR_KEYS.contains(path) || SECTIONS.contains(path) || ACCOUNTS.equals(path);
    }

    /** The environment variable that overrides a key: smtp.port -> MAILHARNESS_SMTP_PORT. */
    static String environmentName(String key) {
        return "MAILHARNESS_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
