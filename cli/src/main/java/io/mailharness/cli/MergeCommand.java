package io.mailharness.cli;

import io.mailharness.gate.merge.MergedRecordWriter;
import io.mailharness.record.Ledger;
import io.mailharness.record.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mailharness merge --out FILE INPUT...}: one run record from the records of several injectors. */
@Command(name = "merge",
        description = {"Combine several injectors' run records into one.",
                "Histograms merged exactly, counts added, the"
                + " delivery ledger recomputed from every injector's message traces."},
        footer = {"", "Exit status: 0 merged, 2 bad input (records of different simulations or targets, runs that did not overlap"
                + " in time, the same injector twice, an injector missing without --allow-missing, a malformed record,"
                + " --out naming an input record; nothing is written)."})
final class MergeCommand implements Callable<Integer> {
    @ParentCommand
    Mailharness mailharness;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "the merged run record to write (e.g. results/merged/run-record.json); never read as an input:"
                    + " an earlier merged record there is replaced, an injector's own record is refused")
    Path out;

    @Option(names = "--allow-missing",
            description = "merge all the same when injectors are missing (a record says how many ran); the merged record then covers only part of the load")
    boolean allowMissing;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "run-record.json files, or folders searched for them (e.g. one folder per injector)")
    List<Path> inputs;

    @Override
    public Integer call() throws IOException {
        MergedRecordWriter.Outcome outcome = MergedRecordWriter.write(out, inputs, allowMissing);
        RunRecord record = outcome.merged().record();
        Ledger ledger = record.ledger();
        long requests = record.requests().values().stream().mapToLong(stats -> stats.count()).sum();
        mailharness.out.println("merged " + outcome.sources() + " run record(s) of " + record.simulation() + " against " + record.target()
                + " into " + outcome.file() + ": " + requests + " requests, " + record.start() + " to " + record.end());
        mailharness.out.println("ledger: sent " + ledger.sent() + ", accepted " + ledger.accepted() + ", rejected " + ledger.rejected()
                + ", retrieved " + ledger.retrieved() + ", intact " + ledger.intact() + ", corrupted " + ledger.corrupted()
                + ", duplicated " + ledger.duplicated() + ", lost " + ledger.lost());
        outcome.merged().warnings().forEach(warning -> mailharness.err.println("mailharness merge: warning: " + warning));
        return ExitCode.OK;
    }
}
