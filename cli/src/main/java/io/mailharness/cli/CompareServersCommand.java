package io.mailharness.cli;

import io.mailharness.pages.ColumnSource;
import io.mailharness.pages.ComparisonPages;
import io.mailharness.pages.ServerVersions;
import io.mailharness.result.ConformanceResultFile;
import io.mailharness.simulations.SimulationParameters;
import io.mailharness.settings.TargetSettingsLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code mailharness compare-servers}: the vendor comparison. For the embedded GreenMail and every target of a
 * settings file: its server's version, the conformance suite (report only) and one simulation with the same
 * parameters, each in a process of its own; then the conformance matrix and the load comparison pages. The
 * conformance runs of targets that share nothing run side by side ({@link TargetLanes}); the load runs follow,
 * one at a time. A server whose run produced no result becomes an "unavailable" column with the last line its run printed.
 */
@Command(name = "compare-servers", sortOptions = false,
        description = {"Compare the embedded GreenMail and real servers: conformance matrix and load pages.",
                "Runs the conformance suite and a simulation (default MailDay, -Dmailharness.duration=20"
                + " -Dmailharness.rate=2) against the embedded GreenMail and every target of a settings file, and builds"
                + " conformance-matrix.html and load-comparison.html."},
        footer = {"", "Exit status: 0 pages written (a server that failed is a column marked unavailable), 2 bad input."})
final class CompareServersCommand implements Callable<Integer> {
    /**
     * Conformance runs at once by default. The runs mostly wait on servers (timeouts, delays, slow POP3 servers). With
     * this project's servers the lane of the five targets on the Dovecot maildrops is the longest; with three slots the
     * other lanes finish within it, and a fourth only slows the runs on 2 cores. See cli/bench/compare-servers-time.sh.
     */
    static final int DEFAULT_PARALLEL = 3;
    /** Each run's wall time, one {@code HALF NAME SECONDS} line per run, in the order they finished. */
    static final String RUN_TIMES = "run-times.txt";

    /** Short and gentle by default, so a dozen servers (some slow, some locking maildrops) fit in minutes. */
    static final Map<String, String> LOAD_DEFAULTS = Map.of(SimulationParameters.DURATION, "20", SimulationParameters.RATE, "2");

    /** Where a comparison puts each target's conformance results, and the versions of the servers it ran. */
    static final String CONFORMANCE_FOLDER = "conformance";
    static final String VERSIONS_FILE = "versions.txt";

    enum Half { conformance, load }

    @ParentCommand
    Mailharness mailharness;

    @Spec
    CommandSpec spec;

    @Option(names = "--target-file", paramLabel = "FILE", description = "the targets to compare (default: servers/targets.conf)")
    Path targetFile;

    @Option(names = {"--target", "--targets"}, split = ",", paramLabel = "NAME",
            description = "only these targets, in this order (comma-separated or repeated; embedded-greenmail for the embedded"
                    + " column); default: all but the *-tls and *-stls transport variants")
    List<String> targets = new ArrayList<>();

    @Option(names = "--no-greenmail", description = "no embedded GreenMail column")
    boolean noGreenmail;

    @Option(names = "--only", paramLabel = "HALF", description = "run only one half: ${COMPLETION-CANDIDATES}")
    Half only;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + DEFAULT_PARALLEL,
            description = "conformance runs of independent targets at once (default: ${DEFAULT-VALUE}); targets sharing a maildrop"
                    + " or a relay next hop always run one after another, and load runs always run one at a time")
    int parallel;

    @Option(names = "--provision", description = "install and start the real servers of servers/ first, and stop afterwards"
            + " (also on error or Ctrl-C) those that were not running")
    boolean provision;

    @Option(names = "--out", paramLabel = "DIR", description = "where the pages and every run's results go (default: results/compare/<timestamp>)")
    Path out;

    @Parameters(index = "0", arity = "0..1", defaultValue = "MailDay", paramLabel = "SIMULATION", description = "the simulation (default: ${DEFAULT-VALUE})")
    String simulation;

    @Mixin
    PropertyOptions properties;

    /** Every child run this comparison made; closing them all on Ctrl-C stops the running ones and starts no more. */
    private final List<ChildRun> children = new CopyOnWriteArrayList<>();
    private final List<String> started = new ArrayList<>();
    private final StringBuilder runTimes = new StringBuilder();

    @Override
    public Integer call() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        PrintStream err = mailharness.err;
        if (parallel < 1) throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, got " + parallel);
        Path file = (targetFile != null ? targetFile : Installation.serverTargets()).toAbsolutePath();
        List<String> columns = ServerColumns.choose(file, targets, !noGreenmail);
        List<List<String>> lanes = TargetLanes.of(columns, TargetSettingsLoader.loadAll(file, Map.of()));
        Path folder = (out != null ? out : Installation.results().resolve("compare").resolve(Installation.timestamped(""))).toAbsolutePath();
        Files.createDirectories(folder);
        List<String> parameters = properties.asArguments(LOAD_DEFAULTS);

        ServerScripts servers = new ServerScripts(Installation.serversScript());
        Thread cleanup = new Thread(this::cleanUp, "compare-servers-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        List<ColumnSource> conformance = List.of();
        List<ColumnSource> loadRuns = List.of();
        Map<String, String> versions = new LinkedHashMap<>();
        try {
            if (provision) provision(servers, err);
            err.println("== compare-servers: " + columns.size() + " columns (" + String.join(" ", columns) + "), simulation " + simulation
                    + " " + String.join(" ", parameters));
            for (String name : columns) {
                if (name.equals(ServerColumns.GREENMAIL)) versions.put(name, "GreenMail " + BuildInfo.greenMailVersion() + " (embedded, in-process)");
                else servers.version(name).ifPresent(version -> versions.put(name, version));
            }
            if (only != Half.load) conformance = conformanceRuns(columns, lanes, file, folder, t0);
            if (only != Half.conformance) loadRuns = loadRuns(columns, file, folder, parameters, t0);
        } finally {
            cleanUp();
            removeHook(cleanup);
        }

        Files.writeString(folder.resolve(VERSIONS_FILE), versions.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue() + "\n").collect(Collectors.joining()));
        synchronized (runTimes) {
            Files.writeString(folder.resolve(RUN_TIMES), runTimes);
        }
        ServerVersions known = ServerVersions.of(versions);
        List<Path> pages = new ArrayList<>();
        if (only != Half.load) {
            pages.addAll(ComparisonPages.writeMatrix(folder, ComparisonPages.MATRIX_TITLE + " (" + file.getFileName() + ")", known, conformance, Instant.now()));
        }
        if (only != Half.conformance) {
            pages.addAll(ComparisonPages.writeLoadComparison(folder, ComparisonPages.LOAD_TITLE + ": " + simulation, known, loadRuns, Instant.now()));
        }
        pages.forEach(mailharness.out::println);
        long total = seconds(t0);
        err.println("compare-servers: " + columns.size() + " columns in " + total / 60 + " min " + total % 60 + " s; pages in " + folder);
        return ExitCode.OK;
    }

    /** The conformance suites, lanes side by side; the columns in target order, whatever order the runs finish in. */
    private List<ColumnSource> conformanceRuns(List<String> columns, List<List<String>> lanes, Path file, Path folder, long t0)
            throws IOException, InterruptedException {
        PrintStream err = mailharness.err;
        err.println("== conformance: " + lanes.size() + " lanes, at most " + parallel + " at once: "
                + lanes.stream().map(lane -> String.join(" ", lane)).collect(Collectors.joining(" | ")));
        Map<String, ChildRun> laneChild = new HashMap<>();
        for (List<String> lane : lanes) {
            ChildRun child = child();
            lane.forEach(name -> laneChild.put(name, child));
        }
        Map<String, ColumnSource> byName = new ConcurrentHashMap<>();
        LaneRunner.run(lanes, parallel, name -> {
            err.println("== [" + name + "] conformance suite (" + seconds(t0) + " s)");
            long start = System.nanoTime();
            Path results = run(laneChild.get(name), name, file, folder.resolve(CONFORMANCE_FOLDER), List.of("conformance", "--report-only"), List.of());
            ColumnSource column = Files.isRegularFile(results.resolve(ConformanceResultFile.FILE_NAME)) ? new ColumnSource.Result(name, results)
                    : new ColumnSource.Unavailable(name, ChildRun.lastLine(log(results)));
            byName.put(name, column);
            finished(name, Half.conformance, start, column);
        });
        return columns.stream().map(byName::get).toList();
    }

    /** The load runs, one at a time after the conformance runs: what a load run measures must be that server alone, not its neighbours too. */
    private List<ColumnSource> loadRuns(List<String> columns, Path file, Path folder, List<String> parameters, long t0)
            throws IOException, InterruptedException {
        ChildRun child = child();
        List<ColumnSource> loadRuns = new ArrayList<>();
        for (String name : columns) {
            mailharness.err.println("== [" + name + "] load: " + simulation + " (" + seconds(t0) + " s)");
            long start = System.nanoTime();
            Path results = run(child, name, file, folder.resolve("load"), List.of("load", simulation), parameters);
            ColumnSource column = hasRunRecord(results) ? new ColumnSource.Result(name, results)
                    : new ColumnSource.Unavailable(name, ChildRun.lastLine(log(results)));
            loadRuns.add(column);
            finished(name, Half.load, start, column);
        }
        return loadRuns;
    }

    private ChildRun child() {
        ChildRun child = new ChildRun();
        children.add(child);
        return child;
    }

    /** One line per finished run, whole, so lanes running side by side stay readable; and its wall time in run-times.txt. */
    private void finished(String name, Half half, long start, ColumnSource column) {
        double took = (System.nanoTime() - start) / 1e9;
        String outcome = column instanceof ColumnSource.Unavailable unavailable ? "unavailable: " + unavailable.reason() : "done";
        mailharness.err.println("== [" + name + "] " + half + " " + outcome + String.format(Locale.ROOT, " (%.1f s)", took));
        synchronized (runTimes) {
            runTimes.append(half).append(' ').append(name).append(String.format(Locale.ROOT, " %.1f%n", took));
        }
    }

    /**
     * Runs one half against one column in a JVM of its own: results in {@code half/NAME}, its output in
     * {@code half/NAME.log}. Returns the results folder.
     */
    private static Path run(ChildRun child, String name, Path file, Path half, List<String> command, List<String> parameters) throws IOException, InterruptedException {
        Path results = half.resolve(name);
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--out", results.toString()));
        Map<String, String> environment = new HashMap<>();
        if (name.equals(ServerColumns.GREENMAIL)) {
            // The embedded GreenMail is what every command uses without a target file: no target settings at all.
            environment.put("MAILHARNESS_TARGET_FILE", null);
            environment.put("MAILHARNESS_TARGET", null);
        } else {
            args.addAll(List.of("--target-file", file.toString(), "--target", name));
        }
        args.addAll(parameters);
        child.run(args, environment, log(results));
        return results;
    }

    private static Path log(Path results) {
        return results.resolveSibling(results.getFileName() + ".log");
    }

    /** Installs every server (those installed already are skipped) and starts those not running; they are stopped again in {@link #cleanUp}. */
    private void provision(ServerScripts servers, PrintStream err) throws IOException, InterruptedException {
        List<String> all = servers.names();
        err.println("== provisioning: installing " + String.join(" ", all) + " (already installed ones are skipped)");
        if (!servers.run("install", List.of("all"))) err.println("compare-servers: some servers did not install; their columns will be unavailable");
        List<String> stopped = new ArrayList<>();
        for (String name : all) if (!servers.running(name)) stopped.add(name);
        synchronized (started) {
            started.addAll(stopped);
        }
        err.println("== provisioning: starting " + (stopped.isEmpty() ? "nothing (all running)" : String.join(" ", stopped)));
        if (!stopped.isEmpty() && !servers.run("start", stopped)) {
            err.println("compare-servers: some servers did not start; their columns will be unavailable");
        }
    }

    /** Stops the running children and the servers this comparison started; runs once at the end, or on Ctrl-C. */
    private void cleanUp() {
        try {
            for (ChildRun child : children) child.close();
            List<String> toStop;
            synchronized (started) {
                toStop = List.copyOf(started);
                started.clear();
            }
            if (toStop.isEmpty()) return;
            mailharness.err.println("== stopping the servers compare-servers started: " + String.join(" ", toStop));
            new ServerScripts(Installation.serversScript()).run("stop", toStop);
        } catch (IOException | InterruptedException e) {
            mailharness.err.println("compare-servers: could not stop everything: " + e.getMessage());
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it cleans up
        }
    }

    private static boolean hasRunRecord(Path results) throws IOException {
        if (!Files.isDirectory(results)) return false;
        try (Stream<Path> runs = Files.list(results)) {
            return runs.anyMatch(run -> Files.isRegularFile(run.resolve(io.mailharness.record.RunRecord.FILE_NAME)));
        }
    }

    private static long seconds(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0).toSeconds();
    }
}
