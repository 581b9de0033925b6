package io.mailharness.cli;

import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -Dkey=value}: a simulation parameter ({@code -Dmailharness.duration=20}) or a setting override
 * ({@code -Dmailharness.smtp.port=2526}). They become system properties of the run, which is where the
 * simulations and the settings read them.
 */
final class PropertyOptions {
    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "", order = 90,
            description = "a simulation parameter or setting override, e.g. -Dmailharness.duration=20, -Dmailharness.smtp.port=2526")
    Map<String, String> properties = new LinkedHashMap<>();

    /** Makes the given properties system properties of this JVM. */
    void apply() {
        properties.forEach(System::setProperty);
    }

    /** The given properties, and each default not given, as {@code -Dkey=value} arguments for a run in another JVM. */
    List<String> asArguments(Map<String, String> defaults) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        defaults.forEach(all::putIfAbsent);
        return all.entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList();
    }
}
