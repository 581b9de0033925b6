package io.mailharness.simulations;

import io.gatling.app.Gatling$;
import io.mailharness.gatling.LoadPreflight;
import io.mailharness.gatling.record.RunFolders;
import io.mailharness.record.RunRecord;
import io.mailharness.settings.SettingsException;
import io.mailharness.settings.SettingsOverrides;
import io.mailharness.settings.TargetSelection;
import io.mailharness.settings.TargetSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one simulation in this JVM: {@code SimulationLauncher <simulation class> <results dir>}.
 * First checks the target settings and that the target answers on its ports (a problem is one line on
 * stderr and exit 2), then runs Gatling with {@code -s} and {@code -rf}, and prints where the HTML report
 * and run-record.json are. Exit codes: 0 success, 1 assertions failed, 2 bad input or harness error.
 */
public final class SimulationLauncher {
    public static final int OK = 0;
    public static final int ASSERTIONS_FAILED = 1;
    public static final int BAD_INPUT = 2;

    private SimulationLauncher() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        if (args.length != 2) {
            System.err.println("mailharness load: usage: SimulationLauncher <simulation class> <results dir>");
            return BAD_INPUT;
        }
        String simulation = args[0];
        Path results = Path.of(args[1]).toAbsolutePath();
        try {
            Class<?> type = Class.forName(simulation, false, SimulationLauncher.class.getClassLoader());
            if (!io.gatling.javaapi.core.Simulation.class.isAssignableFrom(type)) {
                System.err.println("mailharness load: " + simulation + " is not a Gatling simulation");
                return BAD_INPUT;
            }
            checkTarget();
            checkParameters();
            Files.createDirectories(results);
            long start = System.currentTimeMillis();
            System.setProperty(RunFolders.RESULTS_FOLDER_PROPERTY, results.toString());
            System.setProperty("gatling.data.enableAnalytics", System.getProperty("gatling.data.enableAnalytics", "false"));
            int status = Gatling$.MODULE$.fromArgs(new String[] {"-s", simulation, "-rf", results.toString()});
            Optional<Path> runDir = RunFolders.newestRun(results, RunFolders.simulationId(type), start);
            if (runDir.isPresent()) {
                Path report = runDir.get().resolve("index.html");
                Path record = runDir.get().resolve(RunRecord.FILE_NAME);
                if (Files.exists(report)) System.out.println("Report: " + report);
                if (Files.exists(record)) System.out.println("Run record: " + record);
            }
            return switch (status) {
                case 0 -> OK;
                case 2 -> ASSERTIONS_FAILED;   // Gatling's StatusCode.AssertionsFailed
                default -> BAD_INPUT;
            };
        } catch (ClassNotFoundException e) {
            System.err.println("mailharness load: no simulation class " + simulation);
            return BAD_INPUT;
        } catch (SettingsException e) {
            System.err.println("mailharness load: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            System.err.println("mailharness load: " + e.getMessage());
            return BAD_INPUT;
        } catch (Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            String message = root instanceof SettingsException ? root.getMessage() : "the run failed: " + root;
            System.err.println("mailharness load: " + message.replaceAll("\\s+", " "));
            return BAD_INPUT;
        }
    }

    /**
     * The {@code mailharness.*} properties are all known, settings parse, and a real target passes the load
     * preflight: both sides answer and greet, AUTH works where configured, and every account the run will
     * read logs in to POP3 (see {@link LoadPreflight}). The embedded default needs no check.
     */
    static void checkTarget() {
        LoadProperties.requireKnown(System.getProperties()); // a mistyped -Dmailharness.* key is refused before anything else
        TargetSelection selection = TargetSelection.fromSystem();
        Map<String, String> overrides = SettingsOverrides.fromSystem();
        if (selection.isEmbedded()) return;
        TargetSettings target = selection.load(overrides);
        boolean retrieving = !"false".equalsIgnoreCase(System.getProperty(SimulationParameters.DELIVERY_TRACKING, "true").trim());
        LoadPreflight.check(target, retrieving);
    }

    /** The bundled simulations' numeric parameters, checked before anything starts. */
    static void checkParameters() {
        for (String key : new String[] {SimulationParameters.USERS, SimulationParameters.DURATION, SimulationParameters.MESSAGES_PER_CONNECTION,
                SimulationParameters.GRACE, SimulationParameters.PREFILL, SimulationParameters.READ_INTERVAL}) {
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
