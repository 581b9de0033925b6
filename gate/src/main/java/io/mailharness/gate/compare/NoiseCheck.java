package io.mailharness.gate.compare;

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

    /** Reasons that apply to one metric: too few samples, or a value that could not be computed. */
    static List<String> samples(Metric metric, Tolerance tolerance, long baselineCount, long currentCount,
                                double baselineValue, double currentValue) {
        List<String> reasons = new ArrayList<>();
        if (baselineCount < tolerance.minSamples()) {
            reasons.add("baseline has " + baselineCount + " samples, " + metric.key() + " needs ≥ " + tolerance.minSamples());
        }
        if (currentCount < tolerance.minSamples()) {
            reasons.add("current has " + currentCount + " samples, " + metric.key() + " needs ≥ " + tolerance.minSamples());
        }
        if (Double.isNaN(baselineValue) || Double.isNaN(currentValue)) {
            reasons.add(metric.key() + " unknown (run start or end missing from the record)");
        }
        return reasons;
    }
}
