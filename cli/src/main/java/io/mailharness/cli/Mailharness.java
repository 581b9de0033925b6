package io.mailharness.cli;

import io.netty.util.ResourceLeakDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * The one command line: {@code mailharness <command> [options]}. Each command is a class of its own in this
 * package; the modules it calls take no arguments of their own. User errors are one line on stderr
 * ({@code mailharness <command>: <problem>}) and exit status 2.
 */
@Command(name = "mailharness", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = BuildInfo.class, sortOptions = false, usageHelpAutoWidth = true,
        description = "Load and conformance tests for SMTP and POP3 servers.",
        subcommands = {
                DemoCommand.class,
                LoadCommand.class,
                ConformanceCommand.class,
                CompareCommand.class,
                PromoteBaselineCommand.class,
                MergeCommand.class,
                CompareServersCommand.class,
                ConformanceMatrixCommand.class,
                LoadComparisonCommand.class,
                VerdictAuditCommand.class,
                EmbeddedServerCommand.class,
                SinkCommand.class,
                ServersCommand.class,
                CompletionCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Through the launcher also: ./mailharness test   run the project's own tests and install the library (mvn install).",
                "Targets: no --target-file means the embedded GreenMail; MAILHARNESS_TARGET_FILE and MAILHARNESS_TARGET work too.",
                "Exit status: 0 done, 1 a check failed / a regression / an assertion failed, 2 bad input or harness error."})
public final class Mailharness implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    final PrintStream out;
    final PrintStream err;

    Mailharness(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** No command: the usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(out);
        return ExitCode.OK;
    }

    private static final String LEAK_DETECTION_LEVEL = "io.netty.leakDetection.level";

    public static void main(String[] args) {
        // A server thread dying on a probe (the embedded GreenMail does on some) is one line, not a stack trace.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.err.println(ErrorLines.oneLine(
                "mailharness: note: thread " + thread.getName() + " died: " + e + (e.getCause() == null ? "" : " (" + e.getCause() + ")"))));
        // Netty's default wraps one buffer in 128 and takes a stack trace for it, CPU that a load run and the sink
        // spend per message for nothing; whoever hunts a buffer leak sets io.netty.leakDetection.level.
        if (System.getProperty(LEAK_DETECTION_LEVEL) == null) ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        ErrorLines errors = new ErrorLines(err);
        return new CommandLine(new Mailharness(out, err))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }
}
