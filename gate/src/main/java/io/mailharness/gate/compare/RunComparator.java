package io.mailharness.gate.compare;

import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;
import io.mailharness.gate.input.BadInput;
import io.mailharness.gate.merge.RunRecordMerger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Compares a current run record with its baseline, metric by metric, against the tolerances. */
public final class RunComparator {
    private final Tolerances tolerances;

    public RunComparator(Tolerances tolerances) {
        this.tolerances = tolerances;
    }

    public RunComparison compare(RunRecord baseline, RunRecord current) {
        if (!Objects.equals(baseline.simulation(), current.simulation())) {
            throw new BadInput("cannot compare runs of different simulations: baseline " + baseline.simulation()
                    + ", current " + current.simulation());
        }
        // A run that measured nothing (it crashed, or was refused before its load) must not pass as "nothing regressed".
        requireMeasured("baseline", baseline);
        requireMeasured("current run", current);
        RunFacts baselineFacts = RunFacts.of(baseline);
        RunFacts currentFacts = RunFacts.of(current);
        List<String> notes = new ArrayList<>();
        if (!Objects.equals(baseline.target(), current.target())) {
            notes.add("different targets: baseline " + baseline.target() + ", current " + current.target());
        }
        differentParameters(baseline, current).ifPresent(notes::add);
        stoppedBySignal("baseline", baseline).ifPresent(notes::add);
        stoppedBySignal("current run", current).ifPresent(notes::add);
        Optional<LedgerClasses> baselineLedger = LedgerClasses.of(baseline);
        Optional<LedgerClasses> currentLedger = LedgerClasses.of(current);
        boolean ledgersCompared = baselineLedger.isPresent() && currentLedger.isPresent();
        if (baselineLedger.isPresent() != currentLedger.isPresent()) {
            notes.add("the ledger is not compared: the " + (baselineLedger.isPresent() ? "current run" : "baseline")
                    + " did not retrieve its messages (delivery tracking off, or an older record)");
        }
        List<String> runNoise = new ArrayList<>(NoiseCheck.injector("baseline", baselineFacts, tolerances));
        runNoise.addAll(NoiseCheck.injector("current", currentFacts, tolerances));

        tolerances.requireRequestsOf(baseline.requests().keySet(), current.requests().keySet());
        List<MetricComparison> metrics = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (String request : requestNames(baseline, current)) {
            if (ledgersCompared && request.startsWith(RunRecord.LEDGER_VERDICT_PREFIX)) continue; // judged from the sections below
            RequestStats before = baseline.requests().get(request);
            RequestStats after = current.requests().get(request);
            if (before == null || after == null) {
                unmatched.add("'" + request + "' is only in the " + (before == null ? "current run" : "baseline")
                        + (before == null ? " (promote a new baseline to gate it)" : " (renamed, or never reached in the current run?)"));
                continue;
            }
            if (request.startsWith(RunRecord.LEDGER_VERDICT_PREFIX)) {
                metrics.add(ledgerVerdict(request, before, after));
                continue;
            }
            for (Metric metric : Metric.values()) {
                metrics.add(compare(request, metric, before, after, baselineFacts, currentFacts, runNoise));
            }
        }
        if (metrics.isEmpty()) {
            throw new BadInput("the baseline and the current run have no request in common, so nothing was compared: "
                    + String.join("; ", unmatched));
        }
        if (ledgersCompared) {
            List<LedgerClasses.LedgerClass> before = baselineLedger.get().classes();
            List<LedgerClasses.LedgerClass> after = currentLedger.get().classes();
            for (int i = 0; i < before.size(); i++) metrics.add(ledgerClass(before.get(i), after.get(i)));
        }
        return new RunComparison(baseline.simulation(), baselineFacts, currentFacts, tolerances.origin(), metrics, unmatched, notes);
    }

    private MetricComparison compare(String request, Metric metric, RequestStats before, RequestStats after,
                                     RunFacts baselineFacts, RunFacts currentFacts, List<String> runNoise) {
        Tolerance tolerance = tolerances.of(request, metric);
        double baselineValue = metric.valueOf(before, baselineFacts.durationSeconds());
        double currentValue = metric.valueOf(after, currentFacts.durationSeconds());
        Verdict measured = measure(metric, tolerance, baselineValue, currentValue);
        List<String> noise = new ArrayList<>(runNoise);
        noise.addAll(NoiseCheck.samples(metric, tolerance, before, after, baselineValue, currentValue));
        Verdict verdict = noise.isEmpty() ? measured : Verdict.INCONCLUSIVE;
        return new MetricComparison(request, metric, baselineValue, currentValue, tolerance, measured, verdict, List.copyOf(noise));
    }

    /**
     * A ledger verdict (one request per run, KO when the ledger found lost, corrupted, duplicated or unretrievable
     * messages): regressed when the current run has such messages and the baseline had none, whatever the samples
     * or the injector's load, since a lost message is a fact, not a noisy measurement.
     */
    private MetricComparison ledgerVerdict(String request, RequestStats before, RequestStats after) {
        Metric metric = Metric.ERROR_RATE;
        double baselineValue = metric.valueOf(before, 1);
        double currentValue = metric.valueOf(after, 1);
        Verdict verdict = after.ko() > 0 && before.ko() == 0 ? Verdict.REGRESSED
                : before.ko() > 0 && after.ko() == 0 ? Verdict.IMPROVED : Verdict.OK;
        return new MetricComparison(request, metric, baselineValue, currentValue, tolerances.of(request, metric), verdict, verdict, List.of());
    }

    /**
     * A class of the ledger (lost, corrupted…), in percent of what it could hit. Against a baseline that had none,
     * any is a regression, whatever the sample counts or the injector's load: a lost message is a fact, not a noisy
     * measurement. Against a baseline that had some, a larger share regresses only beyond chance ({@link
     * SampleEvidence}): 1 lost of 999 after 1 of 1000 is the same server. None left is an improvement.
     */
    private MetricComparison ledgerClass(LedgerClasses.LedgerClass before, LedgerClasses.LedgerClass after) {
        Metric metric = Metric.ERROR_RATE;
        boolean worse = before.count() == 0 ? after.count() > 0
                : after.percent() > before.percent() && SampleEvidence.sharesDiffer(before.count(), before.outOf(), after.count(), after.outOf());
        Verdict verdict = worse ? Verdict.REGRESSED : before.count() > 0 && after.count() == 0 ? Verdict.IMPROVED : Verdict.OK;
        return new MetricComparison(after.request(), metric, before.percent(), after.percent(), tolerances.of(after.request(), metric),
                verdict, verdict, List.of());
    }

    /** Parameters that say which run this was, not what load it put on the server: they differ between any two runs. */
    private static final Set<String> RUN_OWN_PARAMETERS = Set.of(RunRecord.STOPPED_BY,
            RunRecordMerger.RUN_IDS_PARAMETER, RunRecordMerger.INJECTORS_PARAMETER);

    /** A load that differs (another rate, mix or user count) explains a change the verdicts would otherwise blame on the server. */
    private static Optional<String> differentParameters(RunRecord baseline, RunRecord current) {
        Map<String, String> before = baseline.parameters() == null ? Map.of() : baseline.parameters();
        Map<String, String> after = current.parameters() == null ? Map.of() : current.parameters();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> differing = keys.stream()
                .filter(key -> !RUN_OWN_PARAMETERS.contains(key) && !key.endsWith(".share"))
                .filter(key -> !Objects.equals(before.get(key), after.get(key)))
                .map(key -> key + " " + before.getOrDefault(key, "(unset)") + " → " + after.getOrDefault(key, "(unset)"))
                .toList();
        return differing.isEmpty() ? Optional.empty() : Optional.of("different load parameters: " + String.join("; ", differing));
    }

    private static Optional<String> stoppedBySignal(String which, RunRecord record) {
        if (record.parameters() == null || !record.parameters().containsKey(RunRecord.STOPPED_BY)) return Optional.empty();
        return Optional.of("the " + which + " was stopped by a signal: its messages not yet retrieved count as lost");
    }

    private static void requireMeasured(String which, RunRecord record) {
        if (record.measuredNothing()) {
            throw new BadInput("the " + which + " (" + record.runId() + ") recorded no requests, so there is nothing to compare:"
                    + " did it fail before its load? See its run folder");
        }
    }

    /** Regressed or improved only when the change exceeds both the relative and the absolute tolerance. */
    static Verdict measure(Metric metric, Tolerance tolerance, double baseline, double current) {
        if (Double.isNaN(baseline) || Double.isNaN(current)) return Verdict.INCONCLUSIVE;
        double worsening = metric.higherIsWorse() ? current - baseline : baseline - current;
        double relative = baseline == 0 ? (worsening == 0 ? 0 : Double.POSITIVE_INFINITY * Math.signum(worsening))
                : worsening / Math.abs(baseline) * 100;
        if (worsening > tolerance.floor() && relative > tolerance.percent()) return Verdict.REGRESSED;
        if (-worsening > tolerance.floor() && -relative > tolerance.percent()) return Verdict.IMPROVED;
        return Verdict.OK;
    }

    /** Request names in a stable order, the delivery latency (the end-to-end figure) last. */
    private static List<String> requestNames(RunRecord baseline, RunRecord current) {
        TreeSet<String> names = new TreeSet<>(baseline.requests().keySet());
        names.addAll(current.requests().keySet());
        return names.stream()
                .sorted(Comparator.comparing((String name) -> name.equals(RunRecord.DELIVERY_LATENCY)).thenComparing(Comparator.naturalOrder()))
                .toList();
    }
}
