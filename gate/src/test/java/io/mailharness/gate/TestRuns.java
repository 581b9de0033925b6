package io.mailharness.gate;

import io.mailharness.record.CappedList;
import io.mailharness.record.DeliveryCheck;
import io.mailharness.record.ErrorGroup;
import io.mailharness.record.Ledger;
import io.mailharness.record.MessageTrace;
import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;
import io.mailharness.gate.histogram.LatencyHistograms;
import io.mailharness.gate.histogram.RequestStatistics;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/** Run records built from histograms filled with known values, for the reports' tests. */
public final class TestRuns {
    public static final String SIMULATION = "MailDay";
    public static final String TARGET = "postfix-dovecot";
    public static final String START = "2025-03-01T10:00:00Z";
    public static final String END = "2025-03-01T10:05:00Z";

    private TestRuns() {}

    /** A histogram of n latencies spread between about 1 and 51 ms, deterministically (microseconds). */
    public static Histogram latencies(int n, LongUnaryOperator scale) {
        Histogram histogram = new Histogram(60_000_000L, 3);
        for (int i = 0; i < n; i++) {
            histogram.recordValue(scale.applyAsLong(1_000 + (i * 7_919L) % 50_000));
        }
        return histogram;
    }

    public static Histogram latencies(int n) {
        return latencies(n, LongUnaryOperator.identity());
    }

    public static RequestStats stats(Histogram histogram, long ko) {
        return RequestStatistics.from(histogram, histogram.getTotalCount() - ko, ko);
    }

    /** Statistics with OK and KO latencies apart, as the engine writes them. */
    public static RequestStats stats(Histogram ok, Histogram ko) {
        return RequestStatistics.from(ok, ok.getTotalCount(), ko.getTotalCount(),
                LatencyHistograms.millis(ok.getMinValue()), LatencyHistograms.millis(ok.getMaxValue()), ok.getMean() / 1000.0,
                RequestStatistics.latency(ko, LatencyHistograms.millis(ko.getMinValue()), LatencyHistograms.millis(ko.getMaxValue()),
                        ko.getMean() / 1000.0));
    }

    public static RunRecord.Injector injector(int index, int count, double cpuAverage, double cpuPeak) {
        return new RunRecord.Injector(index, count, "injector-" + index, 4, cpuAverage, cpuPeak, 0.3);
    }

    /** A calm single-injector run with "smtp send" (one KO in a thousand) and "delivery latency", n samples each. */
    public static RunRecord run(int n) {
        Map<String, RequestStats> requests = new LinkedHashMap<>();
        int ko = n / 1000;
        requests.put("smtp send", ko == 0 ? stats(latencies(n), 0) : stats(latencies(n - ko), latencies(ko, v -> v * 10)));
        requests.put(RunRecord.DELIVERY_LATENCY, stats(latencies(n, v -> v * 3), 0));
        return record("run-a", START, END, injector(1, 1, 0.30, 0.55), requests, new Ledger(n, n, 0, n, n, 0, 0, 0), List.of());
    }

    public static RunRecord record(String runId, String start, String end, RunRecord.Injector injector,
                                   Map<String, RequestStats> requests, Ledger ledger, List<MessageTrace> messages) {
        return new RunRecord(RunRecord.FORMAT_VERSION, SIMULATION, TARGET, runId, start, end,
                Map.of("users", "10"), injector, requests, Map.of("4xx", 1L), ledger, messages,
                Map.of("smtp send: 4xx 451 4.3.0 try again later", 1L), 0L,
                new CappedList<>(List.of(new ErrorGroup("smtp send", "4xx", "451", "4.3.0", "4xx 451 4.3.0 try again later", 1,
                        "451 4.3.0 try again later")), 0),
                new DeliveryCheck(true, ledger.intact() + ledger.corrupted() + ledger.lost(), ledger.intact(), 0, 0, ledger.corrupted(), 0, 0, 0,
                        ledger.lost(), null, Map.of()),
                new RunRecord.Connections(10, 12, 1, 200, 0, 0, 0));
    }

    public static RunRecord withRequests(RunRecord run, Map<String, RequestStats> requests) {
        return new RunRecord(run.formatVersion(), run.simulation(), run.target(), run.runId(), run.start(), run.end(),
                run.parameters(), run.injector(), requests, run.errorsByReplyClass(), run.ledger(), run.messages(), run.errors(),
                run.errorsLeftOut(), run.errorGroups(), run.delivery(), run.connections());
    }

    public static RunRecord withInjector(RunRecord run, RunRecord.Injector injector) {
        return new RunRecord(run.formatVersion(), run.simulation(), run.target(), run.runId(), run.start(), run.end(),
                run.parameters(), injector, run.requests(), run.errorsByReplyClass(), run.ledger(), run.messages(), run.errors(),
                run.errorsLeftOut(), run.errorGroups(), run.delivery(), run.connections());
    }

    /** The same run, as though it had run from start to end. */
    public static RunRecord withWindow(RunRecord run, String start, String end) {
        return new RunRecord(run.formatVersion(), run.simulation(), run.target(), run.runId(), start, end,
                run.parameters(), run.injector(), run.requests(), run.errorsByReplyClass(), run.ledger(), run.messages(), run.errors(),
                run.errorsLeftOut(), run.errorGroups(), run.delivery(), run.connections());
    }

    public static RunRecord withParameters(RunRecord run, Map<String, String> parameters) {
        return new RunRecord(run.formatVersion(), run.simulation(), run.target(), run.runId(), run.start(), run.end(),
                parameters, run.injector(), run.requests(), run.errorsByReplyClass(), run.ledger(), run.messages(), run.errors(),
                run.errorsLeftOut(), run.errorGroups(), run.delivery(), run.connections());
    }

    public static RunRecord withSimulation(RunRecord run, String simulation, String target) {
        return new RunRecord(run.formatVersion(), simulation, target, run.runId(), run.start(), run.end(),
                run.parameters(), run.injector(), run.requests(), run.errorsByReplyClass(), run.ledger(), run.messages(), run.errors(),
                run.errorsLeftOut(), run.errorGroups(), run.delivery(), run.connections());
    }

    /** The same run with other error groups, delivery classes and connection figures (any may be null, as in older records). */
    public static RunRecord withParts(RunRecord run, CappedList<ErrorGroup> errorGroups, DeliveryCheck delivery, RunRecord.Connections connections) {
        return new RunRecord(run.formatVersion(), run.simulation(), run.target(), run.runId(), run.start(), run.end(),
                run.parameters(), run.injector(), run.requests(), run.errorsByReplyClass(), run.ledger(), run.messages(), run.errors(),
                run.errorsLeftOut(), errorGroups, delivery, connections);
    }

    /** The same statistics with p95 multiplied, as a hand-doctored record would have. */
    /** The same statistics with p95 times {@code factor}; the max rises with it where it would pass it, as in any run. */
    public static RequestStats withP95(RequestStats stats, double factor) {
        double p95 = stats.p95() * factor;
        return new RequestStats(stats.count(), stats.ok(), stats.ko(), stats.min(), stats.p50(), stats.p75(),
                p95, stats.p99(), Math.max(stats.max(), p95), stats.mean(), stats.histogram(), stats.koLatency());
    }
}
