package io.mailharness.gate.compare;

import java.util.List;

/**
 * One gated line: a metric of one request name in both runs, and the verdict.
 *
 * @param measured what the numbers alone say (ok / improved / regressed); differs from verdict when
 *                 noise made the verdict inconclusive, so the report can say "would be regressed"
 * @param noise    why the numbers are not trustworthy; empty when they are
 */
public record MetricComparison(String request, Metric metric, double baseline, double current,
                               Tolerance tolerance, Verdict measured, Verdict verdict, List<String> noise) {

    /** Relative change in percent of the baseline (percentage points for the error rate); NaN if unknown. */
    public double change() {
        if (metric.changeInPoints()) return current - baseline;
        if (baseline == 0) return current == 0 ? 0 : Double.POSITIVE_INFINITY * Math.signum(current);
        return (current - baseline) / baseline * 100;
    }

    public String changeText() {
        double change = change();
        if (Double.isNaN(change)) return "n/a";
        return Numbers.signed(change) + (metric.changeInPoints() ? " pt" : " %");
    }

    public String baselineText() {
        return Numbers.format(baseline) + " " + metric.unit();
    }

    public String currentText() {
        return Numbers.format(current) + " " + metric.unit();
    }

    /** The verdict with the reason when it is not the plain reading of the numbers. */
    public String verdictText() {
        String text = verdict.label();
        if (!tolerance.gated()) text += " (not gated)";
        if (verdict == Verdict.INCONCLUSIVE && measured != Verdict.INCONCLUSIVE) text += " (measured " + measured.label() + ")";
        return text;
    }

    public String noiseText() {
        return String.join("; ", noise);
    }

    /** Whether this line fails the gate. */
    public boolean fails(boolean strict) {
        if (!tolerance.gated()) return false;
        return verdict == Verdict.REGRESSED || (strict && verdict == Verdict.INCONCLUSIVE);
    }

    /** One line for logs and test-failure messages. */
    public String summary() {
        String line = request + " " + metric.key() + ": " + baselineText() + " -> " + currentText() + " (" + changeText()
                + ", tolerance " + tolerance.describe(metric) + "): " + verdictText();
        return noise.isEmpty() ? line : line + " — " + noiseText();
    }
}
