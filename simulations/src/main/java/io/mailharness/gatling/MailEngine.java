package io.mailharness.gatling;

import io.mailharness.settings.SettingsException;

import java.util.Locale;

/**
 * The client the mail actions run on, chosen with {@code -Dmailharness.engine}: {@link #NETTY} (the default), the
 * non-blocking client of {@code io.mailharness.gatling.netty} on each virtual user's own event loop, no thread hop;
 * or {@link #BLOCKING}, core's sessions on virtual threads, kept selectable so that the two can be compared. Either
 * engine runs every SMTP and POP3 action, the drain and the ledger.
 */
public enum MailEngine {
    BLOCKING,
    NETTY;

    public static final String PROPERTY = "mailharness.engine";

    /** The engine the system property names (netty when unset); an unknown name is a one-line settings error. */
    public static MailEngine fromProperty() {
        String value = System.getProperty(PROPERTY, "netty").strip();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "blocking" -> BLOCKING;
            case "netty" -> NETTY;
            default -> throw new SettingsException(PROPERTY, "unknown engine '" + value + "': blocking or netty");
        };
    }
}
