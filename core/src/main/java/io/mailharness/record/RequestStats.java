package io.mailharness.record;

/**
 * Counts and latency percentiles (milliseconds) of one request name. As in Gatling, the latencies of OK
 * and KO requests are kept apart: the percentiles and {@code histogram} are of OK requests only (a failed
 * attempt, often very fast or very slow, never moves them), and {@code koLatency} describes the KOs.
 * Histograms are HdrHistograms in microseconds, base64 of the compressed encoding.
 *
 * @param koLatency the KO requests' latencies; null when there were none, and in records written before it
 */
public record RequestStats(
        long count, long ok, long ko,
        double min, double p50, double p75, double p95, double p99, double max, double mean,
        String histogram, Latency koLatency) {

    /** Statistics without KO latencies. */
    public RequestStats(long count, long ok, long ko, double min, double p50, double p75, double p95, double p99, double max, double mean,
                        String histogram) {
        this(count, ok, ko, min, p50, p75, p95, p99, max, mean, histogram, null);
    }

    /** Latency percentiles (milliseconds) and their histogram. */
    public record Latency(double min, double p50, double p95, double p99, double max, double mean, String histogram) {}
}
