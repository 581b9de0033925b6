package io.mailharness.gate.compare;

import io.mailharness.files.AtomicFiles;
import io.mailharness.gate.baseline.BaselineLocation;
import io.mailharness.gate.histogram.RecordHistograms;
import io.mailharness.gate.input.RunRecordInput;
import io.mailharness.gate.input.RunRecordPaths;
import io.mailharness.record.RunRecord;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The CI regression gate: compares a run with its baseline and writes {@code summary.md}, {@code junit.xml}
 * and {@code percentiles.html}. Bad input (a missing or malformed record or tolerance file) is a
 * {@link io.mailharness.gate.input.BadInput} or a settings error, thrown before anything is written.
 */
public final class RegressionGate {
    public static final String SUMMARY_FILE = "summary.md";
    public static final String JUNIT_FILE = "junit.xml";
    public static final String PAGE_FILE = "percentiles.html";

    /**
     * @param baseline   a run-record.json, or a baseline folder holding one (and baseline-tolerances.conf)
     * @param current    a run-record.json, a run folder, or a results folder (its newest run record is used)
     * @param tolerances tolerances to use instead of the baseline folder's own
     * @param reports    where the reports go (default: {@code compare/} beside the current record)
     * @param strict     inconclusive verdicts fail the gate too
     */
    public record Request(Path baseline, Path current, Optional<Path> tolerances, Optional<Path> reports, boolean strict) {}

    /** What was compared, the verdicts, and where the reports are. */
    public record Outcome(Path baselineFile, Path currentFile, RunComparison comparison, Path reports, boolean strict) {
        public boolean failed() {
            return comparison.fails(strict);
        }
    }

    private RegressionGate() {}

    public static Outcome run(Request request) throws IOException {
        BaselineLocation baselineLocation = BaselineLocation.of(request.baseline());
        Path baselineFile = baselineLocation.recordFile();
        Path currentFile = RunRecordPaths.single(request.current());
        RunRecord baseline = RunRecordInput.read(baselineFile);
        RunRecord current = RunRecordInput.read(currentFile);
        Map<String, Histogram> baselineHistograms = RecordHistograms.present(baseline, baselineFile.toString());
        Map<String, Histogram> currentHistograms = RecordHistograms.present(current, currentFile.toString());

        Tolerances tolerances = request.tolerances().isPresent() ? Tolerances.load(request.tolerances().get())
                : Files.isRegularFile(baselineLocation.tolerancesFile()) ? Tolerances.load(baselineLocation.tolerancesFile())
                : Tolerances.defaults();
        RunComparison comparison = new RunComparator(tolerances).compare(baseline, current);

        boolean strict = request.strict();
        Path reports = request.reports().orElseGet(() -> currentFile.toAbsolutePath().getParent().resolve("compare"));
        AtomicFiles.write(reports.resolve(SUMMARY_FILE), MarkdownSummary.render(comparison, strict));
        AtomicFiles.write(reports.resolve(JUNIT_FILE), JUnitXmlWriter.render(comparison, strict));
        AtomicFiles.write(reports.resolve(PAGE_FILE), PercentileCurvePage.render(comparison, baselineHistograms, currentHistograms, strict));
        return new Outcome(baselineFile, currentFile, comparison, reports, strict);
    }
}
