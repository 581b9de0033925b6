package io.mailharness.settings;

import io.mailharness.embedded.EmbeddedMailServer;

/**
 * A target ready to be used: the settings of a real server, or an embedded server started for this run.
 * Closing it stops the embedded server, if there is one; a real server is left alone.
 */
public final class MailTarget implements AutoCloseable {
    private final TargetSettings settings;
    private final AutoCloseable owned;

    private MailTarget(TargetSettings settings, AutoCloseable owned) {
        this.settings = settings;
        this.owned = owned;
    }

    /** Opens the target chosen by system properties and environment, starting the embedded default if none is. */
    public static MailTarget open() {
        return open(TargetSelection.fromSystem(), SettingsOverrides.fromSystem());
    }

    public static MailTarget open(TargetSelection selection, java.util.Map<String, String> overrides) {
        if (selection.isEmbedded()) {
            selection.requireNoOverridesOfEmbedded(overrides);
            EmbeddedMailServer server = EmbeddedMailServer.start();
            return new MailTarget(server.settings(), server);
        }
        return new MailTarget(selection.load(overrides), null);
    }

    public static MailTarget of(TargetSettings settings) {
        return new MailTarget(settings, null);
    }

    public TargetSettings settings() {
        return settings;
    }

    public boolean isEmbedded() {
        return owned != null;
    }

    @Override
    public void close() {
        if (owned == null) return;
        try {
            owned.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the embedded server: " + e.getMessage(), e);
        }
    }
}
