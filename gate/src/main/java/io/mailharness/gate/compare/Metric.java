package io.mailharness.gate.compare;

import io.mailharness.record.RequestStats;

/** What the gate compares for each request name. The key is the metric's name in baseline-tolerances.conf. */
public enum Metric {
    THROUGHPUT("throughput", "/s", false),
    P50("p50", "ms", true),
    P95("p95", "ms", true),
    P99("p99", "ms", true),
    ERROR_RATE("error-rate", "%", true);

    private final String key;
    private final String unit;
    private final boolean higherIsWorse;

    Metric(String key, String unit, boolean higherIsWorse) {
        this.key = key;
        this.unit = unit;
        this.higherIsWorse = higherIsWorse;
    }

    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsWorse() {
        return higherIsWorse;
    }

    /** Error rate changes are read in percentage points: 0.1 % -> 0.2 % is "+100 %" but harmless. */
    public boolean changeInPoints() {
        return this == ERROR_RATE;
    }

    /** The metric's value for one request name; throughput needs the run's duration (NaN if unknown). */
    public double valueOf(RequestStats stats, double durationSeconds) {
        return switch (this) {
            case THROUGHPUT -> durationSeconds > 0 ? stats.count() / durationSeconds : Double.NaN;
            case P50 -> stats.p50();
            case P95 -> stats.p95();
            case P99 -> stats.p99();
            case ERROR_RATE -> stats.count() == 0 ? 0 : 100.0 * stats.ko() / stats.count();
        };
    }

    public static Metric byKey(String key) {
        for (Metric metric : values()) {
            if (metric.key.equals(key)) return metric;
        }
        return null;
    }
}
