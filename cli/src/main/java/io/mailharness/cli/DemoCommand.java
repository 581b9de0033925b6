package io.mailharness.cli;

import io.mailharness.simulations.SimulationParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code mailharness demo}: a short load run, then the conformance suite, both against the embedded GreenMail,
 * each in a JVM of its own; then where the reports are.
 */
@Command(name = "demo",
        description = {"A short load run and the conformance suite against the embedded GreenMail.",
                "A 20-second MailDay load run and the conformance suite (report only) against the embedded GreenMail,"
                        + " then where the reports are (under results/demo-<timestamp>/ or --out). -D options go to the load run."},
        footer = {"", "Exit status: 0 both ran (the load run's assertions passed), 2 otherwise (the reason is printed)."})
final class DemoCommand implements Callable<Integer> {
    static final Map<String, String> LOAD_DEFAULTS = Map.of(SimulationParameters.DURATION, "20");

    @ParentCommand
    Mailharness mailharness;

    @Option(names = "--out", paramLabel = "DIR", description = "where the reports go (default: results/demo-<timestamp>)")
    Path out;

    @Mixin
    PropertyOptions properties;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream err = mailharness.err;
        Path folder = (out != null ? out : Installation.results().resolve(Installation.timestamped("demo-"))).toAbsolutePath();
        Path loadFolder = folder.resolve("load");
        Path conformanceFolder = folder.resolve("conformance");
        ChildRun child = new ChildRun();

        err.println("== Load: MailDay simulation against the embedded GreenMail (a 20 s load, about 30 s in all)");
        List<String> load = new ArrayList<>(List.of("load", "MailDay", "--out", loadFolder.toString()));
        load.addAll(properties.asArguments(LOAD_DEFAULTS));
        int loadStatus = child.run(load);
        if (loadStatus == ExitCode.USER_ERROR) {
            // Bad input (a -D option, the output folder): the load run has said why; the suite would not help.
            err.println("mailharness demo: stopped, the load run could not run (exit " + loadStatus + ")");
            return ExitCode.USER_ERROR;
        }

        err.println("== Conformance suite against the embedded GreenMail (report only)");
        int conformanceStatus = child.run(List.of("conformance", "--report-only", "--out", conformanceFolder.toString()));

        PrintStream console = mailharness.out;
        console.println();
        List<String> written = new ArrayList<>();
        for (Path report : files(conformanceFolder, 1, "conformance.html")) written.add("  conformance " + report);
        for (Path report : files(loadFolder, 2, "index.html", "run-record.json")) written.add("  load        " + report);
        for (Path report : files(conformanceFolder, 2, "conformance-result.json", "summary.txt", ".xml")) written.add("  conformance " + report);
        console.println(written.isEmpty() ? "Mailharness demo: no reports written" : "Mailharness demo: reports written");
        written.forEach(console::println);
        if (loadStatus != ExitCode.OK || conformanceStatus != ExitCode.OK) {
            err.println("mailharness demo: incomplete (load exit " + loadStatus + ", conformance exit " + conformanceStatus + ")");
            return ExitCode.USER_ERROR;
        }
        return ExitCode.OK;
    }

    /** The files below {@code folder} whose names end with one of {@code endings}, in path order. */
    private static List<Path> files(Path folder, int depth, String... endings) throws IOException {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> found = Files.find(folder, depth, (path, attributes) -> attributes.isRegularFile()
                && Stream.of(endings).anyMatch(path.getFileName().toString()::endsWith))) {
            return found.sorted().toList();
        }
    }
}
