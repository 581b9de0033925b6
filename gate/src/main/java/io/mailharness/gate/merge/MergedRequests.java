package io.mailharness.gate.merge;

import io.mailharness.gate.histogram.LatencyHistograms;
import io.mailharness.gate.histogram.RecordHistograms;
import io.mailharness.gate.histogram.RequestStatistics;
import io.mailharness.record.RequestStats;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The per-request statistics of several injectors' records as one: OK and KO latencies each merged from
 * their histograms (exactly, so percentiles are those of the whole run), counts summed, min and max the
 * extremes, means weighted by the samples behind them.
 */
final class MergedRequests {
    private MergedRequests() {}

    static Map<String, RequestStats> of(List<SourceRecord> sources) {
        Set<String> names = new TreeSet<>();
        sources.forEach(source -> names.addAll(source.record().requests().keySet()));
        Map<String, RequestStats> merged = new LinkedHashMap<>();
        for (String name : names) merged.put(name, merge(sources, name));
        return merged;
    }

    private static RequestStats merge(List<SourceRecord> sources, String name) {
        Latencies okLatencies = new Latencies();
        Latencies koLatencies = new Latencies();
        boolean koLatencyMissing = false;
        long ok = 0;
        long ko = 0;
        for (SourceRecord source : sources) {
            RequestStats stats = source.record().requests().get(name);
            if (stats == null) continue;
            String where = RecordHistograms.where(source.name(), name);
            okLatencies.add(LatencyHistograms.decode(stats.histogram(), where), stats.min(), stats.max(), stats.mean());
            RequestStats.Latency koLatency = stats.koLatency();
            if (koLatency != null) {
                koLatencies.add(LatencyHistograms.decode(koLatency.histogram(), where + " (KO latencies)"), koLatency.min(), koLatency.max(), koLatency.mean());
            } else if (stats.ko() > 0) {
                koLatencyMissing = true; // a record written before KO latencies were kept apart
            }
            ok += stats.ok();
            ko += stats.ko();
        }
        RequestStats.Latency koLatency = koLatencyMissing || koLatencies.histogram == null ? null
                : RequestStatistics.latency(koLatencies.histogram, koLatencies.min(), koLatencies.max, koLatencies.mean());
        return RequestStatistics.from(okLatencies.histogram, ok, ko, okLatencies.min(), okLatencies.max, okLatencies.mean(), koLatency);
    }

    /** One kind of latencies (OK or KO) summed over injectors. */
    private static final class Latencies {
        Histogram histogram;
        double min = Double.POSITIVE_INFINITY;
        double max;
        double totalMillis;
        long samples;

        void add(Histogram part, double minMillis, double maxMillis, double meanMillis) {
            if (histogram == null) {
                histogram = part.copy();
                histogram.setAutoResize(true);
            } else {
                histogram.add(part);
            }
            long count = part.getTotalCount();
            if (count == 0) return;
            min = Math.min(min, minMillis);
            max = Math.max(max, maxMillis);
            totalMillis += meanMillis * count;
            samples += count;
        }

        double min() {
            return samples == 0 ? 0 : min;
        }

        double mean() {
            return samples == 0 ? 0 : totalMillis / samples;
        }
    }
}
