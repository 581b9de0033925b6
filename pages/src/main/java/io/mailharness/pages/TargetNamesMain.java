package io.mailharness.pages;

import io.mailharness.settings.SettingsException;
import io.mailharness.settings.TargetSettingsLoader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Prints the names of the targets in a settings file, one a line, in file order: what the vendor
 * comparison loops over. Exit 2 with one line on stderr when the file is missing or invalid.
 */
public final class TargetNamesMain {
    private TargetNamesMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].startsWith("-")) {
            err.println("usage: TargetNamesMain TARGET_FILE");
            return 2;
        }
        try {
            TargetSettingsLoader.loadAll(Path.of(args[0]), Map.of()).keySet().forEach(out::println);
            return 0;
        } catch (SettingsException e) {
            err.println("target-names: " + e.getMessage());
            return 2;
        }
    }
}
