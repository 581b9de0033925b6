package io.mailharness.gatling.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the Gatling run folder of the current run. Gatling does not tell a simulation where it writes:
 * the results folder comes from {@code -Dmailharness.resultsFolder} (set by our launcher), else from
 * {@code -rf} in the command line, else {@code target/gatling}; the run folder is the newest
 * {@code <simulation id>-<timestamp>} folder there holding a simulation.log.
 */
public final class RunFolders {
    public static final String RESULTS_FOLDER_PROPERTY = "mailharness.resultsFolder";

    private RunFolders() {}

    public static Path resultsFolder() {
        String p = System.getProperty(RESULTS_FOLDER_PROPERTY);
        if (p != null && !p.isBlank()) return Path.of(p);
        String[] args = System.getProperty("sun.java.command", "").split(" ");
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("-rf") || args[i].equals("--results-folder")) return Path.of(args[i + 1]);
        }
        return Path.of("target", "gatling");
    }

    /** Gatling's simulation id: the simple class name, lower case, with anything but letters, digits, '-' and '_' dropped. */
    public static String simulationId(Class<?> simulation) {
        return simulation.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    }

    /**
     * The run folder of a run that started at {@code startMillis}: the newest of the simulation's, or, when
     * the simulation is not known or has none, the newest run folder of any simulation.
     */
    public static Optional<Path> runFolder(Path resultsFolder, Class<?> simulation, long startMillis) {
        Optional<Path> own = simulation == null ? Optional.empty() : newestRun(resultsFolder, simulationId(simulation), startMillis);
        return own.isPresent() ? own : newestRun(resultsFolder, "", startMillis);
    }

    /** The newest {@code <simulationId>-<timestamp>} folder (any simulation's for an empty id) holding a simulation.log. */
    public static Optional<Path> newestRun(Path resultsFolder, String simulationId, long notBeforeMillis) {
        if (!Files.isDirectory(resultsFolder)) return Optional.empty();
        String prefix = simulationId.isEmpty() ? "" : simulationId + "-";
        try (Stream<Path> s = Files.list(resultsFolder)) {
            return s.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().startsWith(prefix))
                    .filter(d -> Files.exists(d.resolve("simulation.log")))
                    .filter(d -> d.toFile().lastModified() >= notBeforeMillis - 2000)
                    .max(Comparator.comparing((Path d) -> d.toFile().lastModified()).thenComparing(d -> d.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
