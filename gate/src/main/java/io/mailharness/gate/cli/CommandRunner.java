package io.mailharness.gate.cli;

import com.typesafe.config.ConfigException;
import io.mailharness.settings.SettingsException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Runs a command body and turns user errors into one line on stderr and exit status 2: CI logs should
 * say what was wrong with the input, not show a stack trace.
 */
public final class CommandRunner {
    @FunctionalInterface
    public interface Body {
        int run() throws IOException;
    }

    private CommandRunner() {}

    public static int run(String command, PrintStream err, Body body) {
        try {
            return body.run();
        } catch (BadInput | SettingsException e) {
            err.println(command + ": " + e.getMessage());
        } catch (ConfigException e) {
            err.println(command + ": " + oneLine(e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            err.println(command + ": " + oneLine(String.valueOf(e.getMessage())));
        }
        return ExitCode.BAD_INPUT;
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s+", " ").trim();
    }
}
