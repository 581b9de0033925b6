package io.mailharness.gate.baseline;

import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import io.mailharness.files.AtomicFiles;
import io.mailharness.gate.compare.Tolerances;
import io.mailharness.gate.input.BadInput;
import io.mailharness.gate.input.RunRecordPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a run the new baseline: its record is copied whole into the baseline folder, and the tolerance
 * file there is kept (a starting one with the defaults is written when there is none). Only the
 * per-message traces are left out: baselines are committed, traces can run to megabytes, and nothing
 * reads a baseline's traces.
 */
public final class BaselinePromotion {
    /** What happened, as lines to print. */
    public record Outcome(Path record, Path tolerances, boolean tolerancesCreated, List<String> warnings) {}

    private BaselinePromotion() {}

    /**
     * @param runFile the run's record file, which the baseline must not replace
     * @param run     the record read from it
     */
    public static Outcome promote(Path runFile, RunRecord run, BaselineLocation location) throws IOException {
        Path runFolder = RunRecordPaths.real(runFile).getParent();
        if (RunRecordPaths.real(location.recordFile().toAbsolutePath().getParent()).equals(runFolder)) {
            // The baseline's copy leaves out the traces: written over the run's own record, it would delete them.
            throw new BadInput("the baseline folder is the run's own folder (" + runFolder + "): name another folder,"
                    + " so the run's record and its message traces stay as they are");
        }
        if (run.measuredNothing()) {
            // Every later comparison against such a baseline would have nothing to compare.
            throw new BadInput("run " + run.runId() + " recorded no requests (did it fail before its load?): it cannot be a baseline");
        }
        boolean created = !Files.exists(location.tolerancesFile());
        // A broken tolerance file is reported before anything is replaced.
        Tolerances tolerances = created ? Tolerances.defaults() : Tolerances.load(location.tolerancesFile());
        Files.createDirectories(location.recordFile().toAbsolutePath().getParent());
        RunRecordFiles.write(run.withMessages(List.of()), location.recordFile());
        if (created) AtomicFiles.write(location.tolerancesFile(), Tolerances.DEFAULTS_TEXT);
        return new Outcome(location.recordFile(), location.tolerancesFile(), created, warnings(run, tolerances));
    }

    /** A baseline from a CPU-saturated injector makes every later comparison inconclusive: say so now. */
    private static List<String> warnings(RunRecord run, Tolerances tolerances) {
        List<String> warnings = new ArrayList<>();
        RunRecord.Injector injector = run.injector();
        if (injector != null && (injector.cpuAverage() >= tolerances.cpuAverageLimit() || injector.cpuPeak() >= tolerances.cpuPeakLimit())) {
            warnings.add("the injector was near CPU saturation in this run (avg " + Math.round(injector.cpuAverage() * 100)
                    + " %, peak " + Math.round(injector.cpuPeak() * 100) + " %): comparisons against it will be inconclusive");
        }
        return warnings;
    }
}
