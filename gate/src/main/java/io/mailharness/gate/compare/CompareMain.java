package io.mailharness.gate.compare;

import io.mailharness.record.RunRecord;
import io.mailharness.gate.baseline.BaselineLocation;
import io.mailharness.gate.cli.Arguments;
import io.mailharness.gate.cli.BadInput;
import io.mailharness.gate.cli.CommandRunner;
import io.mailharness.gate.cli.ExitCode;
import io.mailharness.files.AtomicFiles;
import io.mailharness.gate.cli.RunRecordInput;
import io.mailharness.gate.cli.RunRecordPaths;
import io.mailharness.gate.histogram.RecordHistograms;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code compare [--tolerances FILE] [--out DIR] [--strict] BASELINE CURRENT}: the CI regression gate.
 * Exit 0 when nothing regressed, 1 when something did (or, with --strict, was inconclusive), 2 on bad input.
 */
public final class CompareMain {
    static final String USAGE = """
            Usage: compare [--tolerances FILE] [--out DIR] [--strict] BASELINE CURRENT
              BASELINE  a run-record.json, or a baseline folder holding one (and baseline-tolerances.conf)
              CURRENT   a run-record.json, a run folder, or a results folder (its newest run record is used)
              --tolerances FILE  tolerances to use instead of BASELINE's baseline-tolerances.conf
              --out DIR          where summary.md, junit.xml and percentiles.html go (default: compare/ beside CURRENT's record)
              --strict           inconclusive verdicts (CPU-saturated injector, too few samples) fail the gate too
            Exit status: 0 nothing regressed, 1 something regressed, 2 bad input.""";

    public static final String SUMMARY_FILE = "summary.md";
    public static final String JUNIT_FILE = "junit.xml";
    public static final String PAGE_FILE = "percentiles.html";

    private CompareMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandRunner.run("compare", err, () -> compare(args, out, err));
    }

    private static int compare(String[] args, PrintStream out, PrintStream err) throws IOException {
        Arguments arguments = Arguments.parse(args, Set.of("--tolerances", "--out"), Set.of("--strict", "--help"));
        if (arguments.flag("--help")) {
            out.println(USAGE);
            return ExitCode.OK;
        }
        if (arguments.positional().size() != 2) throw new BadInput("needs BASELINE and CURRENT (--help for usage)");
        boolean strict = arguments.flag("--strict");

        BaselineLocation baselineLocation = BaselineLocation.of(Path.of(arguments.positional().get(0)));
        Path baselineFile = baselineLocation.recordFile();
        Path currentFile = RunRecordPaths.single(Path.of(arguments.positional().get(1)));
        RunRecord baseline = RunRecordInput.read(baselineFile);
        RunRecord current = RunRecordInput.read(currentFile);
        Map<String, Histogram> baselineHistograms = RecordHistograms.present(baseline, baselineFile.toString());
        Map<String, Histogram> currentHistograms = RecordHistograms.present(current, currentFile.toString());

        String tolerancesOption = arguments.option("--tolerances");
        Tolerances tolerances = tolerancesOption != null ? Tolerances.load(Path.of(tolerancesOption))
                : Files.isRegularFile(baselineLocation.tolerancesFile()) ? Tolerances.load(baselineLocation.tolerancesFile())
                : Tolerances.defaults();

        RunComparison comparison = new RunComparator(tolerances).compare(baseline, current);

        Path outDirectory = arguments.option("--out") != null ? Path.of(arguments.option("--out"))
                : currentFile.toAbsolutePath().getParent().resolve("compare");
        AtomicFiles.write(outDirectory.resolve(SUMMARY_FILE), MarkdownSummary.render(comparison, strict));
        AtomicFiles.write(outDirectory.resolve(JUNIT_FILE), JUnitXmlWriter.render(comparison, strict));
        AtomicFiles.write(outDirectory.resolve(PAGE_FILE), PercentileCurvePage.render(comparison, baselineHistograms, currentHistograms, strict));

        out.println("baseline " + baselineFile + ", current " + currentFile);
        out.print(ConsoleSummary.render(comparison, strict));
        out.println("  reports: " + outDirectory.resolve(SUMMARY_FILE) + ", " + JUNIT_FILE + ", " + PAGE_FILE);
        if (comparison.fails(strict)) {
            err.println("compare: " + comparison.simulation() + " failed the gate against the baseline (" + comparison.tally() + ")");
            return ExitCode.REGRESSED;
        }
        return ExitCode.OK;
    }
}
