package io.mailharness.cli;

import io.mailharness.settings.TargetSelection;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/**
 * Which server a command talks to, and how: {@code --target-file F} (a target settings file) and
 * {@code --target NAME} (a target in it), with the {@code -Dkey=value} parameters and setting overrides.
 * No file: the embedded GreenMail, unless MAILHARNESS_TARGET_FILE / MAILHARNESS_TARGET or
 * {@code -Dmailharness.target.file} / {@code -Dmailharness.target} name one.
 */
final class TargetOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--target-file", paramLabel = "FILE", order = 80,
            description = "target settings file (HOCON); default: the embedded GreenMail")
    Path file;

    @Option(names = "--target", paramLabel = "NAME", order = 81,
            description = "the target in that file (needed when it defines several)")
    String name;

    @Mixin
    PropertyOptions properties;

    /** Makes the -D options and the target system properties of this run (where simulations read them); returns the target. */
    TargetSelection apply() {
        properties.apply();
        if (file != null) System.setProperty(TargetSelection.FILE_PROPERTY, file.toString());
        boolean fileNamed = file != null || System.getProperty(TargetSelection.FILE_PROPERTY) != null
                || System.getenv("MAILHARNESS_TARGET_FILE") != null;
        if (name != null && !fileNamed && !TargetSelection.EMBEDDED_NAME.equals(name)) {
            throw new ParameterException(command.commandLine(), "--target " + name + " needs --target-file FILE (the settings file that defines it)");
        }
        if (name != null) System.setProperty(TargetSelection.NAME_PROPERTY, name);
        return TargetSelection.fromSystem();
    }
}
