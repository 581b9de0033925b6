package io.mailharness.gate.compare;

/**
 * How much one metric may worsen before the gate calls it a regression. A change counts only when it
 * exceeds BOTH the relative and the absolute bound: the percent catches real slowdowns of slow
 * operations, the floor stops 1 ms -> 2 ms from failing a build.
 *
 * @param percent    allowed relative worsening, in percent of the baseline value
 * @param floor      allowed absolute worsening, in the metric's unit (ms, requests/s, percentage points)
 * @param minSamples fewer requests than this in either run make the value too unstable to judge
 * @param gated      false: shown for information, never fails the build
 */
public record Tolerance(double percent, double floor, long minSamples, boolean gated) {

    /** Short text for reports, e.g. "+20 % and 5 ms". */
    public String describe(Metric metric) {
        String sign = metric.higherIsWorse() ? "+" : "−";
        String unit = metric.changeInPoints() ? " pt" : " " + metric.unit();
        if (metric.changeInPoints() || percent == 0) return sign + Numbers.format(floor) + unit;
        return sign + Numbers.format(percent) + " % and " + Numbers.format(floor) + unit;
    }
}
