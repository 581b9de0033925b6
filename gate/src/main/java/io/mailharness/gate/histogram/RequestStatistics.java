package io.mailharness.gate.histogram;

import io.mailharness.record.RequestStats;
import org.HdrHistogram.Histogram;

/** Builds a request name's statistics from its latency histograms, the way a merge recomputes them. */
public final class RequestStatistics {
    private RequestStatistics() {}

    /** Min and max are the histogram's (bucket-precise); use {@link #from(Histogram, long, long, double, double, double, RequestStats.Latency)} when exact ones are known. */
    public static RequestStats from(Histogram histogram, long ok, long ko) {
        boolean empty = histogram.getTotalCount() == 0;
        return from(histogram, ok, ko,
                empty ? 0 : LatencyHistograms.millis(histogram.getMinValue()),
                empty ? 0 : LatencyHistograms.millis(histogram.getMaxValue()),
                empty ? 0 : histogram.getMean() / 1000.0,
                null);
    }

    /** @param okHistogram the OK requests' latencies; {@code koLatency} the KOs' (null when there were none) */
    public static RequestStats from(Histogram okHistogram, long ok, long ko, double minMillis, double maxMillis, double meanMillis,
                                    RequestStats.Latency koLatency) {
        return new RequestStats(ok + ko, ok, ko, minMillis,
                LatencyHistograms.percentileMillis(okHistogram, 50),
                LatencyHistograms.percentileMillis(okHistogram, 75),
                LatencyHistograms.percentileMillis(okHistogram, 95),
                LatencyHistograms.percentileMillis(okHistogram, 99),
                maxMillis, meanMillis,
                LatencyHistograms.encode(okHistogram),
                koLatency);
    }

    /** KO latencies from their histogram, with the exact min, max and mean when known. */
    public static RequestStats.Latency latency(Histogram histogram, double minMillis, double maxMillis, double meanMillis) {
        return new RequestStats.Latency(minMillis,
                LatencyHistograms.percentileMillis(histogram, 50),
                LatencyHistograms.percentileMillis(histogram, 95),
                LatencyHistograms.percentileMillis(histogram, 99),
                maxMillis, meanMillis,
                LatencyHistograms.encode(histogram));
    }
}
