package io.mailharness.settings;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Which target a run is aimed at: a settings file and a target name, from
 * {@code -Dmailharness.target.file=… -Dmailharness.target=…} or {@code MAILHARNESS_TARGET_FILE} /
 * {@code MAILHARNESS_TARGET}. With no file, runs use the embedded default server.
 */
public record TargetSelection(Optional<Path> file, Optional<String> name) {
    public static final String FILE_PROPERTY = "mailharness.target.file";
    public static final String NAME_PROPERTY = "mailharness.target";

    public static TargetSelection embeddedDefault() {
        return new TargetSelection(Optional.empty(), Optional.empty());
    }

    public static TargetSelection fromSystem() {
        return from(System.getProperties(), System.getenv());
    }

    public static TargetSelection from(Properties properties, Map<String, String> environment) {
        Optional<String> file = nonBlank(properties.getProperty(FILE_PROPERTY)).or(() -> nonBlank(environment.get("MAILHARNESS_TARGET_FILE")));
        Optional<String> name = nonBlank(properties.getProperty(NAME_PROPERTY)).or(() -> nonBlank(environment.get("MAILHARNESS_TARGET")));
        if (file.isEmpty() && name.isPresent() && !EMBEDDED_NAME.equals(name.get())) {
            throw new SettingsException(NAME_PROPERTY, "target '" + name.get() + "' named but no settings file given (set " + FILE_PROPERTY + ")");
        }
        return new TargetSelection(file.map(Path::of), name);
    }

    /** The name under which the embedded default server appears in results. */
    public static final String EMBEDDED_NAME = "embedded-greenmail";

    public boolean isEmbedded() {
        return file.isEmpty();
    }

    /**
     * Refuses setting overrides when the run is aimed at the embedded default: its server picks its own ports and
     * accounts, so an override would be silently ignored (and a bad value never reported).
     */
    public void requireNoOverridesOfEmbedded(Map<String, String> overrides) {
        if (!isEmbedded() || overrides.isEmpty()) return;
        String key = overrides.keySet().iterator().next();
        throw new SettingsException(SettingsOverrides.PROPERTY_PREFIX + key, "overrides a setting of a target from a targets file (or "
                + TargetSchema.environmentName(key) + "), but the run is aimed at the embedded default, which has its own settings:"
                + " give --target-file, or leave the override out");
    }

    /** Resolves the selected target's settings (not for the embedded default, which must be started first). */
    public TargetSettings load(Map<String, String> overrides) {
        Path path = file.orElseThrow(() -> new IllegalStateException("the embedded default has no settings file"));
        if (name.isPresent()) return TargetSettingsLoader.load(path, name.get(), overrides);
        Map<String, TargetSettings> all = TargetSettingsLoader.loadAll(path, overrides);
        if (all.size() > 1) {
            throw new SettingsException(NAME_PROPERTY, path + " defines several targets (" + String.join(", ", all.keySet()) + "): name one with --target NAME (or -D" + NAME_PROPERTY + "=NAME)");
        }
        return all.values().iterator().next();
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
