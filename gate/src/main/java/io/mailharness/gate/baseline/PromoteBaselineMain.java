package io.mailharness.gate.baseline;

import io.mailharness.record.RunRecord;
import io.mailharness.gate.cli.Arguments;
import io.mailharness.gate.cli.BadInput;
import io.mailharness.gate.cli.CommandRunner;
import io.mailharness.gate.cli.ExitCode;
import io.mailharness.gate.cli.RunRecordInput;
import io.mailharness.gate.cli.RunRecordPaths;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/** {@code promote-baseline RUN BASELINE_DIR}: makes a run the baseline later runs are compared against. */
public final class PromoteBaselineMain {
    static final String USAGE = """
            Usage: promote-baseline RUN BASELINE_DIR
              RUN           a run-record.json, a run folder, or a results folder (its newest run record is used)
              BASELINE_DIR  the baseline folder; its baseline-tolerances.conf is kept (created with defaults if absent)
            Exit status: 0 promoted, 2 bad input.""";

    private PromoteBaselineMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandRunner.run("promote-baseline", err, () -> {
            Arguments arguments = Arguments.parse(args, Set.of(), Set.of("--help"));
            if (arguments.flag("--help")) {
                out.println(USAGE);
                return ExitCode.OK;
            }
            if (arguments.positional().size() != 2) throw new BadInput("needs RUN and BASELINE_DIR (--help for usage)");
            Path runFile = RunRecordPaths.single(Path.of(arguments.positional().get(0)));
            RunRecord run = RunRecordInput.read(runFile);
            BaselinePromotion.Outcome outcome = BaselinePromotion.promote(run, BaselineLocation.folder(Path.of(arguments.positional().get(1))));
            out.println("promoted " + run.simulation() + " run " + run.runId() + " (" + runFile + ") to baseline " + outcome.record());
            out.println((outcome.tolerancesCreated() ? "wrote default tolerances to " : "kept tolerances ") + outcome.tolerances());
            outcome.warnings().forEach(warning -> err.println("promote-baseline: warning: " + warning));
            return ExitCode.OK;
        });
    }
}
