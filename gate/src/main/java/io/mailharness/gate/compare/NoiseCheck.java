package io.mailharness.gate.compare;

import io.mailharness.record.RequestStats;

import java.util.ArrayList;
import java.util.List;

/**
 * Reasons not to trust a comparison: an injector near CPU saturation measures its own queueing, and a
 * percentile from too few samples moves with a single slow request.
 */
final class NoiseCheck {
    private NoiseCheck() {}

    /** Reasons that apply to every metric of the run. */
    static List<String> injector(String which, RunFacts run, Tolerances tolerances) {
        List<String> reasons = new ArrayList<>();
        if (run.cpuAverage() >= tolerances.cpuAverageLimit()) {
            reasons.add(which + " injector CPU avg " + Numbers.percent(run.cpuAverage()) + " ≥ " + Numbers.percent(tolerances.cpuAverageLimit()));
        }
        if (run.cpuPeak() >= tolerances.cpuPeakLimit()) {
            reasons.add(which + " injector CPU peak " + Numbers.percent(run.cpuPeak()) + " ≥ " + Numbers.percent(tolerances.cpuPeakLimit()));
        }
        return reasons;
    }

    /**
     * Reasons that apply to one metric: too few samples, or a value that could not be computed. An error rate whose
     * counts differ beyond chance ({@link SampleEvidence}) is judged below the sample minimum.
     */
    static List<String> samples(Metric metric, Tolerance tolerance, RequestStats before, RequestStats after,
                                double baselineValue, double currentValue) {
        List<String> reasons = new ArrayList<>();
        // Only the error rate: a throughput's count over the run's whole window (drain included) is no Poisson sample.
        boolean evident = metric == Metric.ERROR_RATE && SampleEvidence.sharesDiffer(before.ko(), before.count(), after.ko(), after.count());
        if (!evident && before.count() < tolerance.minSamples()) {
            reasons.add("baseline has " + before.count() + " samples, " + metric.key() + " needs ≥ " + tolerance.minSamples());
        }
        if (!evident && after.count() < tolerance.minSamples()) {
            reasons.add("current has " + after.count() + " samples, " + metric.key() + " needs ≥ " + tolerance.minSamples());
        }
        if (Double.isNaN(baselineValue) || Double.isNaN(currentValue)) {
            reasons.add(metric.key() + " unknown (run start or end missing from the record)");
        }
        return reasons;
    }
}
