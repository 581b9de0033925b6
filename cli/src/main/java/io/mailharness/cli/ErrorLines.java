package io.mailharness.cli;

import com.typesafe.config.ConfigException;
import io.mailharness.conformance.run.Preflight;
import io.mailharness.gate.input.BadInput;
import io.mailharness.pages.ComparisonInputException;
import io.mailharness.settings.SettingsException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Turns what went wrong into one line on stderr, {@code mailharness <command>: <problem>}, and exit status 2:
 * a wrong call, a missing or malformed file, a bad setting, a target that cannot be reached. CI logs should
 * say what was wrong, not show a stack trace.
 */
final class ErrorLines implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private static final int MAX_LENGTH = 300;

    private final PrintStream err;

    ErrorLines(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String problem = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && command.getCommandSpec().parent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().getFirst().startsWith("-")) {
            problem = "unknown command '" + unmatched.getUnmatched().getFirst() + "'";
        }
        err.println(oneLine(command.getCommandSpec().qualifiedName() + ": " + problem
                + " (see '" + command.getCommandSpec().qualifiedName() + " --help')"));
        return ExitCode.USER_ERROR;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        err.println(oneLine(command.getCommandSpec().qualifiedName() + ": " + problem(e)));
        return ExitCode.USER_ERROR;
    }

    /** What a user needs to read about an exception: the message of ours, the kind and message of anything else. */
    static String problem(Exception e) {
        return switch (e) {
            case SettingsException s -> s.getMessage();
            case BadInput b -> b.getMessage();
            case ComparisonInputException c -> c.getMessage();
            case Preflight.HarnessException h -> h.getMessage();
            case ConfigException c -> c.getMessage();
            case java.net.SocketException socket -> socket.getMessage();
            case IOException io -> "cannot read or write a file: " + io.getMessage();
            case UncheckedIOException io -> "cannot read or write a file: " + io.getMessage();
            default -> "internal error: " + e + " (please report it)";
        };
    }

    static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > MAX_LENGTH ? flat.substring(0, MAX_LENGTH) + "…" : flat;
    }
}
