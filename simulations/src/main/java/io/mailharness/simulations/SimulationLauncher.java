package io.mailharness.simulations;

import io.gatling.app.Gatling$;
import io.mailharness.embedded.EmbeddedMailServer;
import io.mailharness.gatling.Injector;
import io.mailharness.gatling.LoadPreflight;
import io.mailharness.gatling.MailEngine;
import io.mailharness.gatling.SignalledStop;
import io.mailharness.gatling.netty.ReplyGathering;
import io.mailharness.gatling.record.RunFolders;
import io.mailharness.record.RunRecord;
import io.mailharness.settings.SettingsException;
import io.mailharness.settings.SettingsOverrides;
import io.mailharness.settings.TargetSelection;
import io.mailharness.settings.TargetSettings;
import io.netty.util.NettyRuntime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one simulation in this JVM and writes its results (Gatling's HTML report and run-record.json) into a
 * run folder below a results folder. First checks the target settings and that the target answers on its
 * ports (a problem is one line and status {@link #BAD_INPUT}), then runs Gatling with {@code -s} and
 * {@code -rf}, and prints where the report and run record are. Status: {@link #OK}, {@link #ASSERTIONS_FAILED},
 * {@link #BAD_INPUT} (bad input or harness error).
 */
public final class SimulationLauncher {
    private static final String EVENT_LOOP_THREADS = "io.netty.eventLoopThreads";

    public static final int OK = 0;
    public static final int ASSERTIONS_FAILED = 1;
    public static final int BAD_INPUT = 2;

    /** How the run ended, and the files it wrote (absent when it did not get that far). */
    public record Result(int status, Optional<Path> report, Optional<Path> runRecord) {
        static Result badInput() {
            return new Result(BAD_INPUT, Optional.empty(), Optional.empty());
        }
    }

    /** The bundled simulations, by the names {@code load} takes. */
    public static final java.util.List<String> BUNDLED = java.util.stream.Stream.of(MailDay.class, SmtpConstantRate.class, SmtpSessions.class,
            Pop3Drain.class, SmtpBurst.class, SmtpIdleSessions.class).map(Class::getSimpleName).toList();

    private SimulationLauncher() {}

    /**
     * @param simulation the simulation's class name
     * @param results    the results folder; the run gets a folder of its own below it
     */
    public static Result run(String simulation, Path results, PrintStream out, PrintStream err) {
        try {
            return runOnce(simulation, results, out, err);
        } finally {
            SignalledStop.resultsWritten(); // a signal that came meanwhile may now let the JVM exit
        }
    }

    private static Result runOnce(String simulation, Path results, PrintStream out, PrintStream err) {
        // One Gatling event loop per core unless chosen: a loop never blocks, and Netty's default of two per core
        // wakes more threads for the same replies, costing CPU per message. Netty reads it once, with its first
        // event loop group, so it is set before anything (the preflight included) makes one.
        System.setProperty(EVENT_LOOP_THREADS, System.getProperty(EVENT_LOOP_THREADS, String.valueOf(NettyRuntime.availableProcessors())));
        Path folder = results.toAbsolutePath();
        try {
            Class<?> type = Class.forName(simulation, false, SimulationLauncher.class.getClassLoader());
            if (!io.gatling.javaapi.core.Simulation.class.isAssignableFrom(type)) {
                err.println("mailharness load: " + simulation + " is not a Gatling simulation");
                return Result.badInput();
            }
            checkTarget();
            checkParameters();
            Files.createDirectories(folder);
            long start = System.currentTimeMillis();
            System.setProperty(RunFolders.RESULTS_FOLDER_PROPERTY, folder.toString());
            System.setProperty("gatling.data.enableAnalytics", System.getProperty("gatling.data.enableAnalytics", "false"));
            int status = Gatling$.MODULE$.fromArgs(new String[] {"-s", simulation, "-rf", folder.toString()});
            Optional<Path> runDir = RunFolders.newestRun(folder, RunFolders.simulationId(type), start);
            Optional<Path> report = runDir.map(d -> d.resolve("index.html")).filter(Files::exists);
            Optional<Path> record = runDir.map(d -> d.resolve(RunRecord.FILE_NAME)).filter(Files::exists);
            report.ifPresent(p -> out.println("Report: " + p));
            record.ifPresent(p -> out.println("Run record: " + p));
            int result = switch (status) {
                case 0 -> OK;
                case 2 -> ASSERTIONS_FAILED;   // Gatling's StatusCode.AssertionsFailed
                default -> BAD_INPUT;
            };
            return new Result(result, report, record);
        } catch (ClassNotFoundException e) {
            err.println("mailharness load: no simulation class " + simulation + " (bundled: " + String.join(", ", BUNDLED) + ")");
        } catch (SettingsException e) {
            err.println("mailharness load: " + e.getMessage());
        } catch (IOException e) {
            err.println("mailharness load: cannot write the run's results: " + fileProblem(e));
        } catch (Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            String message = root instanceof SettingsException ? root.getMessage() : "the run failed: " + root;
            err.println("mailharness load: " + message.replaceAll("\\s+", " "));
        }
        return Result.badInput();
    }

    /** A file error as a user reads it: the path and what went wrong (the JDK's message is often the path alone). */
    static String fileProblem(IOException e) {
        if (!(e instanceof java.nio.file.FileSystemException fs)) return String.valueOf(e.getMessage());
        String reason = fs.getReason() != null ? fs.getReason() : switch (fs) {
            case java.nio.file.AccessDeniedException denied -> "permission denied";
            case java.nio.file.NoSuchFileException missing -> "no such file or folder";
            case java.nio.file.FileAlreadyExistsException inTheWay -> "a file is in the way";
            default -> fs.getClass().getSimpleName();
        };
        return fs.getFile() + ": " + reason;
    }

    /**
     * The {@code mailharness.*} properties are all known, settings parse, this injector gets a share of the
     * target's accounts, and a real target passes the load preflight: both sides answer and greet, AUTH works
     * where configured, and every account the run will read logs in to POP3 (see {@link LoadPreflight}). The
     * embedded default needs no preflight.
     */
    static void checkTarget() {
        LoadProperties.requireKnown(System.getProperties()); // a mistyped -Dmailharness.* key is refused before anything else
        ReplyGathering.forEngine(MailEngine.fromProperty()); // so is an unknown engine, or gathering where it cannot be
        TargetSelection selection = TargetSelection.fromSystem();
        Map<String, String> overrides = SettingsOverrides.fromSystem();
        selection.requireNoOverridesOfEmbedded(overrides);
        Injector injector = Injector.fromSystem();
        if (selection.isEmbedded()) {
            // each run starts its own embedded server, with this many accounts
            injector.accountShare(Collections.nCopies(EmbeddedMailServer.ACCOUNT_COUNT, "account"));
            return;
        }
        TargetSettings target = selection.load(overrides);
        // more injectors than accounts: one line now, not a crash inside Gatling (no account at all: the preflight says so)
        if (!target.loadAccounts().isEmpty()) injector.accountShare(target.loadAccounts());
        boolean retrieving = !"false".equalsIgnoreCase(System.getProperty(SimulationParameters.DELIVERY_TRACKING, "true").trim());
        LoadPreflight.check(target, retrieving);
    }

    /** The bundled simulations' numeric parameters, checked before anything starts. */
    static void checkParameters() {
        for (String key : new String[] {SimulationParameters.USERS, SimulationParameters.DURATION, SimulationParameters.MESSAGES_PER_CONNECTION,
                SimulationParameters.GRACE, SimulationParameters.PREFILL, SimulationParameters.READ_INTERVAL,
                SmtpBurst.MESSAGES, SmtpIdleSessions.RAMP, SmtpIdleSessions.NOOP_INTERVAL}) {
            String value = System.getProperty(key);
            if (value == null) continue;
            try {
                int v = Integer.parseInt(value.trim());
                if (v < 0 || (v == 0 && !key.equals(SimulationParameters.PREFILL) && !key.equals(SimulationParameters.READ_INTERVAL))) {
                    throw new SettingsException(key, v + " must be positive");
                }
            } catch (NumberFormatException e) {
                throw new SettingsException(key, "not a whole number: '" + value + "'");
            }
        }
        String rate = System.getProperty(SimulationParameters.RATE);
        if (rate != null) {
            try {
                if (!(Double.parseDouble(rate.trim()) > 0)) throw new SettingsException(SimulationParameters.RATE, rate + " must be positive");
            } catch (NumberFormatException e) {
                throw new SettingsException(SimulationParameters.RATE, "not a number: '" + rate + "'");
            }
        }
        String mix = System.getProperty(SimulationParameters.MESSAGE_MIX);
        if (mix != null) {
            try {
                io.mailharness.message.MessageMix.parse(mix);
            } catch (IllegalArgumentException e) {
                throw new SettingsException(SimulationParameters.MESSAGE_MIX, e.getMessage());
            }
        }
        for (String flag : new String[] {SimulationParameters.PIPELINING, SimulationParameters.DELIVERY_TRACKING}) {
            String value = System.getProperty(flag);
            if (value != null && !value.isBlank() && !value.trim().equalsIgnoreCase("true") && !value.trim().equalsIgnoreCase("false")) {
                throw new SettingsException(flag, "must be true or false, got '" + value + "'");
            }
        }
        io.mailharness.gatling.Injector.fromSystem();
    }
}
