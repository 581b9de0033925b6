package io.mailharness.cli;

import io.mailharness.files.AtomicFiles;
import io.mailharness.pages.ComparisonInputException;
import io.mailharness.pages.ConformanceResultReader;
import io.mailharness.pages.ServerVersions;
import io.mailharness.pages.VerdictAudit;
import io.mailharness.pages.VerdictAuditMarkdown;
import io.mailharness.pages.VerdictNotes;
import io.mailharness.result.ConformanceResultFile;
import io.mailharness.result.ConformanceRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code mailharness verdict-audit}: {@code conformance/VERDICTS.md} from conformance results and the reviewer's
 * notes, or with {@code --check} the list of rows without a note and notes whose verdict the results no longer give.
 */
@Command(name = "verdict-audit", sortOptions = false,
        description = {"Write the verdict audit (conformance/VERDICTS.md) from conformance results and the reviewer's notes.",
                "Takes a compare-servers output folder (its conformance/NAME folders and versions.txt) or conformance result"
                + " folders. Every FAIL, WARN and anti-abuse PASS is a row with the note on it (or 'not reviewed') and the"
                + " transcript lines behind the verdict."},
        footer = {"", "Exit status: 0 written / every row has its note, 1 --check found a problem, 2 bad input."})
final class VerdictAuditCommand implements Callable<Integer> {
    @ParentCommand
    Mailharness mailharness;

    @Option(names = "--notes", paramLabel = "FILE", description = "the reviewer's notes (default: conformance/verdict-notes.tsv of the installation)")
    Path notes;

    @Option(names = "--preamble", paramLabel = "FILE", description = "the hand-written text put first (default: conformance/verdict-preamble.md of the installation)")
    Path preamble;

    @Option(names = "--versions", paramLabel = "FILE", description = "server versions, lines NAME=VERSION (default: versions.txt of a compare-servers folder)")
    Path versions;

    @Option(names = "--out", paramLabel = "FILE", description = "where the Markdown goes (default: standard output)")
    Path out;

    @Option(names = "--check", description = "list, one line each, the rows without a note and the stale notes; exit 1 when there are any")
    boolean check;

    @Parameters(paramLabel = "RESULTS", arity = "1..*", description = "a compare-servers output folder, or conformance result folders")
    List<Path> inputs;

    @Override
    public Integer call() throws IOException {
        VerdictNotes reviewed = VerdictNotes.read(notes != null ? notes : Installation.home().resolve("conformance").resolve("verdict-notes.tsv"));
        VerdictAudit audit = new VerdictAudit(targets(), reviewed);
        if (out != null || !check) {
            Path text = preamble != null ? preamble : Installation.home().resolve("conformance").resolve("verdict-preamble.md");
            if (!Files.isRegularFile(text)) throw new ComparisonInputException("preamble " + text + " does not exist or is not readable");
            String markdown = VerdictAuditMarkdown.of(Files.readString(text), audit);
            if (out != null) mailharness.out.println(AtomicFiles.write(out, markdown).toAbsolutePath());
            else mailharness.out.print(markdown);
        }
        List<String> problems = audit.problems();
        if (!check) {
            if (!problems.isEmpty()) mailharness.err.println("verdict-audit: " + problems.size() + " rows without a note or stale notes; --check lists them");
            return ExitCode.OK;
        }
        problems.forEach(mailharness.out::println);
        int rows = audit.targets().stream().mapToInt(t -> audit.rows(t).size()).sum();
        mailharness.err.println("verdict-audit: " + rows + " rows on " + audit.targets().size() + " targets, "
                + (problems.isEmpty() ? "every one matches its note" : problems.size() + " problems"));
        return problems.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** The targets, in the order their runs started (for a compare-servers folder: the order of its columns). */
    private List<VerdictAudit.Target> targets() {
        List<Run> runs = new ArrayList<>();
        ServerVersions known = versions != null ? ServerVersions.read(versions) : ServerVersions.none();
        for (Path input : inputs) {
            Path compared = input.resolve(CompareServersCommand.CONFORMANCE_FOLDER);
            if (Files.isRegularFile(input.resolve(ConformanceResultFile.FILE_NAME)) || Files.isRegularFile(input) || !Files.isDirectory(compared)) {
                ConformanceRun run = ConformanceResultReader.read(input);
                runs.add(new Run(run.target(), run));
                continue;
            }
            if (versions == null && Files.isRegularFile(input.resolve(CompareServersCommand.VERSIONS_FILE))) known = ServerVersions.read(input.resolve(CompareServersCommand.VERSIONS_FILE));
            try (Stream<Path> folders = Files.list(compared)) {
                for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve(ConformanceResultFile.FILE_NAME))).sorted().toList()) {
                    runs.add(new Run(folder.getFileName().toString(), ConformanceResultReader.read(folder)));
                }
            } catch (IOException e) {
                throw new ComparisonInputException("cannot list " + compared + ": " + e.getMessage());
            }
        }
        if (runs.isEmpty()) throw new ComparisonInputException("no conformance result in " + inputs);
        if (runs.stream().map(Run::name).distinct().count() < runs.size()) {
            throw new ComparisonInputException("two results are for the same target: " + runs.stream().map(Run::name).sorted().toList());
        }
        runs.sort(Comparator.comparing(r -> r.run().startedAt()));
        ServerVersions found = known;
        return runs.stream().map(r -> new VerdictAudit.Target(r.name(), found.of(r.name(), r.run().target()), r.run())).toList();
    }

    private record Run(String name, ConformanceRun run) {}
}
