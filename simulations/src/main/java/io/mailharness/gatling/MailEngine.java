package io.mailharness.gatling;

import io.mailharness.settings.SettingsException;

import java.util.Locale;

/**
 * The client the mail actions run on, chosen with {@code -Dmailharness.engine}: {@link #BLOCKING} (the default),
 * core's Commons Net sessions on virtual threads; or {@link #NETTY}, the non-blocking client of
 * {@code io.mailharness.gatling.netty} on each virtual user's own event loop, no thread hop. The Netty engine
 * covers the SMTP actions; the POP3 actions still run on the blocking client with either engine.
 */
public enum MailEngine {
    BLOCKING,
    NETTY;

    public static final String PROPERTY = "mailharness.engine";

    /** The engine the system property names; an unknown name is a one-line settings error. */
    public static MailEngine fromProperty() {
        String value = System.getProperty(PROPERTY, "blocking").strip();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "blocking" -> BLOCKING;
            case "netty" -> NETTY;
            default -> throw new SettingsException(PROPERTY, "unknown engine '" + value + "': blocking or netty");
        };
    }
}
