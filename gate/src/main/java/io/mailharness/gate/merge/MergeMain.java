package io.mailharness.gate.merge;

import io.mailharness.record.Ledger;
import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import io.mailharness.gate.cli.Arguments;
import io.mailharness.gate.cli.BadInput;
import io.mailharness.gate.cli.CommandRunner;
import io.mailharness.gate.cli.ExitCode;
import io.mailharness.gate.cli.RunRecordInput;
import io.mailharness.gate.cli.RunRecordPaths;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code merge --out FILE INPUT...}: one run record from the records of several injectors. */
public final class MergeMain {
    static final String USAGE = """
            Usage: merge --out FILE INPUT...
              INPUT      run-record.json files, or folders searched for them (e.g. one folder per injector)
              --out FILE the merged run record to write (e.g. results/merged/run-record.json); never read as an input
            Exit status: 0 merged, 2 bad input (records of different simulations or targets, the same injector twice,
            a malformed record).""";

    private MergeMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandRunner.run("merge", err, () -> merge(args, out, err));
    }

    private static int merge(String[] args, PrintStream out, PrintStream err) throws IOException {
        Arguments arguments = Arguments.parse(args, Set.of("--out"), Set.of("--help"));
        if (arguments.flag("--help")) {
            out.println(USAGE);
            return ExitCode.OK;
        }
        String outOption = arguments.option("--out");
        if (outOption == null) throw new BadInput("needs --out FILE (--help for usage)");
        if (arguments.positional().isEmpty()) throw new BadInput("needs at least one INPUT (--help for usage)");
        Path outFile = Path.of(outOption);
        if (Files.isDirectory(outFile)) outFile = outFile.resolve(RunRecord.FILE_NAME);

        // A second merge into a folder it searches must not read its own earlier output back in.
        Path outAbsolute = outFile.toAbsolutePath().normalize();
        Set<Path> inputs = new LinkedHashSet<>();
        for (String input : arguments.positional()) {
            for (Path file : RunRecordPaths.all(Path.of(input))) {
                if (!file.toAbsolutePath().normalize().equals(outAbsolute)) inputs.add(file);
            }
        }
        List<SourceRecord> sources = new ArrayList<>();
        for (Path input : inputs) sources.add(new SourceRecord(input.toString(), RunRecordInput.read(input)));

        RunRecordMerger.Merged merged = RunRecordMerger.merge(sources);
        Files.createDirectories(outAbsolute.getParent());
        RunRecordFiles.write(merged.record(), outFile);

        RunRecord record = merged.record();
        Ledger ledger = record.ledger();
        long requests = record.requests().values().stream().mapToLong(stats -> stats.count()).sum();
        out.println("merged " + sources.size() + " run record(s) of " + record.simulation() + " against " + record.target()
                + " into " + outFile + ": " + requests + " requests, " + record.start() + " to " + record.end());
        out.println("ledger: sent " + ledger.sent() + ", accepted " + ledger.accepted() + ", rejected " + ledger.rejected()
                + ", retrieved " + ledger.retrieved() + ", intact " + ledger.intact() + ", corrupted " + ledger.corrupted()
                + ", duplicated " + ledger.duplicated() + ", lost " + ledger.lost());
        merged.warnings().forEach(warning -> err.println("merge: warning: " + warning));
        return ExitCode.OK;
    }
}
