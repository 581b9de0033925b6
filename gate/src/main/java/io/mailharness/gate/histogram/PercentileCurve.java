package io.mailharness.gate.histogram;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * Latency against percentile, sampled on the usual "number of nines" scale (x = log10(1 / (1 - p))):
 * 0 is p0, 1 is p90, 2 is p99, 3 is p99.9. The scale makes the tail, where regressions hide, as wide
 * as the median.
 */
public final class PercentileCurve {
    /** Points per decade of nines: enough for a smooth line, few enough for a small page. */
    private static final int POINTS_PER_NINE = 16;

    public record Point(double nines, double percentile, double millis) {}

    private PercentileCurve() {}

    /**
     * Samples up to the deepest tail the sample count supports (p99 needs about 100 samples, p99.9
     * about 1000), so a short run's curve does not pretend to know its p99.99.
     */
    public static List<Point> of(Histogram histogram) {
        List<Point> points = new ArrayList<>();
        long count = histogram.getTotalCount();
        if (count == 0) return points;
        double maxNines = Math.max(1, Math.log10(count));
        int steps = (int) Math.ceil(maxNines * POINTS_PER_NINE);
        for (int i = 0; i <= steps; i++) {
            double nines = maxNines * i / steps;
            double percentile = 100.0 * (1 - Math.pow(10, -nines));
            points.add(new Point(nines, percentile, LatencyHistograms.percentileMillis(histogram, percentile)));
        }
        return points;
    }
}
