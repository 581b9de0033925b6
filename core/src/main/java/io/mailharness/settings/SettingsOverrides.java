package io.mailharness.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Values that override the selected target's settings, taken from system properties
 * ({@code -Dmailharness.smtp.port=2526}) and the environment ({@code MAILHARNESS_SMTP_PORT=2526}).
 * System properties win over the environment; both win over the file.
 */
public final class SettingsOverrides {
    static final String PROPERTY_PREFIX = "mailharness.";

    private SettingsOverrides() {}

    /** Every system property that overrides a target setting, e.g. {@code mailharness.smtp.port}. */
    public static java.util.List<String> propertyNames() {
        return TargetSchema.SCALAR_KEYS.stream().map(k -> PROPERTY_PREFIX + k).toList();
    }

    public static Map<String, String> fromSystem() {
        return from(System.getProperties(), System.getenv());
    }

    public static Map<String, String> from(Properties properties, Map<String, String> environment) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String key : TargetSchema.SCALAR_KEYS) {
            String fromEnvironment = environment.get(TargetSchema.environmentName(key));
            if (fromEnvironment != null) overrides.put(key, fromEnvironment);
        }
        for (String property : properties.stringPropertyNames()) {
            if (!property.startsWith(PROPERTY_PREFIX)) continue;
            String key = property.substring(PROPERTY_PREFIX.length());
            if (TargetSchema.SCALAR_KEYS.contains(key)) {
                overrides.put(key, properties.getProperty(property));
            } else if (isUnderTargetSection(key)) {
                throw new SettingsException(property, "unknown setting (known: " + String.join(", ", TargetSchema.SCALAR_KEYS) + ")");
            }
        }
        return overrides;
    }

    private static boolean isUnderTargetSection(String key) {
        int dot = key.indexOf('.');
        return dot > 0 && TargetSchema.SECTIONS.contains(key.substring(0, dot));
    }
}
