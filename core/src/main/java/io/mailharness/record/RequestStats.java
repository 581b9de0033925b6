package io.mailharness.record;

/**
 * Counts and latency percentiles (milliseconds) of one request name, with the HdrHistogram they were
 * computed from (all requests, OK and KO, in microseconds; base64 of the compressed encoding).
 */
public record RequestStats(
        long count, long ok, long ko,
        double min, double p50, double p75, double p95, double p99, double max, double mean,
        String histogram) {}
