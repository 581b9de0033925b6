package io.mailharness.cli;

import io.mailharness.gate.compare.ConsoleSummary;
import io.mailharness.gate.compare.RegressionGate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code mailharness compare BASELINE CURRENT}: the CI regression gate. */
@Command(name = "compare", sortOptions = false,
        description = {"Gate a run against a baseline run record (exit 1 on regression).",
                "Per request, throughput, p50/p95/p99 and error rate, each ok,"
                + " improved, regressed or inconclusive; writes summary.md, junit.xml and percentiles.html."},
        footer = {"", "Exit status: 0 nothing regressed, 1 something regressed (with --strict: or was inconclusive), 2 bad input."})
final class CompareCommand implements Callable<Integer> {
    @ParentCommand
    Mailharness mailharness;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "a run-record.json, or a baseline folder holding one (and baseline-tolerances.conf)")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "a run-record.json, a run folder, or a results folder (its newest run record is used)")
    Path current;

    @Option(names = "--tolerances", paramLabel = "FILE", description = "tolerances to use instead of BASELINE's baseline-tolerances.conf")
    Path tolerances;

    @Option(names = "--out", paramLabel = "DIR", description = "where the reports go (default: compare/ beside CURRENT's record)")
    Path out;

    @Option(names = "--strict", description = "inconclusive verdicts (CPU-saturated injector, too few samples) fail the gate too")
    boolean strict;

    @Override
    public Integer call() throws IOException {
        RegressionGate.Outcome outcome = RegressionGate.run(new RegressionGate.Request(baseline, current,
                Optional.ofNullable(tolerances), Optional.ofNullable(out), strict));
        mailharness.out.println("baseline " + outcome.baselineFile() + ", current " + outcome.currentFile());
        mailharness.out.print(ConsoleSummary.render(outcome.comparison(), strict));
        mailharness.out.println("  reports: " + outcome.reports().resolve(RegressionGate.SUMMARY_FILE) + ", "
                + RegressionGate.JUNIT_FILE + ", " + RegressionGate.PAGE_FILE);
        if (outcome.failed()) {
            mailharness.err.println("mailharness compare: " + outcome.comparison().simulation() + " failed the gate against the baseline ("
                    + outcome.comparison().tally() + ")");
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }
}
