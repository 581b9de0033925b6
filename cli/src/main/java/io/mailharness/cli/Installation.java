package io.mailharness.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where this Mailharness lives and writes: its folder (MAILHARNESS_HOME, set by the launcher; else found from
 * where this class was loaded, {@code cli/target/classes}), and the results folder (MAILHARNESS_RESULTS, else
 * {@code results/} in that folder). Paths a user types resolve from the folder the command was typed in.
 */
final class Installation {
    private Installation() {}

    static Path home() {
        String home = System.getenv("MAILHARNESS_HOME");
        if (home != null && !home.isBlank()) return Path.of(home).toAbsolutePath();
        try {
            Path classes = Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent().getParent();   // cli/target/classes -> the project folder
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    static Path results() {
        String results = System.getenv("MAILHARNESS_RESULTS");
        return results != null && !results.isBlank() ? Path.of(results).toAbsolutePath() : home().resolve("results");
    }

    /** The script that installs, starts and stops the real servers. */
    static Path serversScript() {
        return home().resolve("servers").resolve("mailharness-servers");
    }

    /** The settings file describing those servers. */
    static Path serverTargets() {
        return home().resolve("servers").resolve("targets.conf");
    }

    /** A folder name for a run started now, e.g. {@code conformance-20250301-101500}. */
    static String timestamped(String prefix) {
        return prefix + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now());
    }
}
