package io.mailharness.cli;

import io.mailharness.gate.baseline.BaselineLocation;
import io.mailharness.gate.baseline.BaselinePromotion;
import io.mailharness.gate.input.RunRecordInput;
import io.mailharness.gate.input.RunRecordPaths;
import io.mailharness.record.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code mailharness promote-baseline RUN BASELINE_DIR}: makes a run the baseline later runs are compared against. */
@Command(name = "promote-baseline",
        description = {"Make a run's record the baseline kept in a folder.",
                "Copies RUN's record into BASELINE_DIR (its baseline-tolerances.conf is kept,"
                + " or written with the defaults the first time)."},
        footer = {"", "Exit status: 0 promoted, 2 bad input."})
final class PromoteBaselineCommand implements Callable<Integer> {
    @ParentCommand
    Mailharness mailharness;

    @Parameters(index = "0", paramLabel = "RUN", description = "a run-record.json, a run folder, or a results folder (its newest run record is used)")
    Path run;

    @Parameters(index = "1", paramLabel = "BASELINE_DIR", description = "the baseline folder (not the run's own folder)")
    Path baselineFolder;

    @Override
    public Integer call() throws IOException {
        Path runFile = RunRecordPaths.single(run);
        RunRecord record = RunRecordInput.read(runFile);
        BaselinePromotion.Outcome outcome = BaselinePromotion.promote(runFile, record, BaselineLocation.folder(baselineFolder));
        mailharness.out.println("promoted " + record.simulation() + " run " + record.runId() + " (" + runFile + ") to baseline " + outcome.record());
        mailharness.out.println((outcome.tolerancesCreated() ? "wrote default tolerances to " : "kept tolerances ") + outcome.tolerances());
        outcome.warnings().forEach(warning -> mailharness.err.println("mailharness promote-baseline: warning: " + warning));
        return ExitCode.OK;
    }
}
