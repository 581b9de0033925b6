package io.mailharness.settings;

/**
 * A user error in target settings. Its message is one line naming the key and the problem,
 * fit to print as is (no stack trace).
 */
public final class SettingsException extends RuntimeException {
    private final String key;

    public SettingsException(String key, String problem) {
        super(key == null ? problem : key + ": " + problem);
        this.key = key;
    }

    /** The settings key at fault, or null when the problem is not tied to one key (e.g. an unreadable file). */
    public String key() {
        return key;
    }
}
