package io.mailharness.gatling.record;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.record.CappedList;
import io.mailharness.record.ErrorGroup;
import io.mailharness.record.RequestStats;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import scala.Option;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one place every timed request of our actions goes through: it reports to Gatling's stats engine
 * (HTML report, assertions) and records into our own HdrHistograms per request name (run-record.json,
 * lossless merge across injectors), OK and KO timings apart as Gatling keeps them, and groups the KOs.
 * Safe from any thread.
 */
public final class LatencyRecorder {
    /** One hour in microseconds: the largest latency recorded as is; longer ones are clamped. */
    private static final long HIGHEST = 3_600_000_000L;

    private static final class Stat {
        final Histogram ok = new ConcurrentHistogram(1, HIGHEST, 3);
        final Histogram ko = new ConcurrentHistogram(1, HIGHEST, 3);
        final LongAdder okCount = new LongAdder();
        final LongAdder koCount = new LongAdder();
    }

    /** One group of KOs: its first message verbatim and how many there were. */
    private static final class Group {
        final String example;
        final LongAdder count = new LongAdder();

        Group(String example) {
            this.example = example;
        }
    }

    private record GroupKey(String request, String errorClass, String replyCode, String enhancedStatusCode, String pattern) {}

    private final Map<String, Stat> stats = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errorsByClass = new ConcurrentHashMap<>();
    private final Map<GroupKey, Group> groups = new ConcurrentHashMap<>();
    private final LongAdder cutOff = new LongAdder();
    private volatile boolean closed;

    /**
     * Logs one request. {@code micros} is the latency as measured (monotonic clock), {@code start}/{@code end}
     * the wall-clock millis Gatling charts.
     */
    public void log(StatsEngine statsEngine, Session session, String request, long start, long end, long micros, Outcome outcome) {
        if (closed) {
            cutOff.increment();
            return;
        }
        statsEngine.logResponse(session.scenario(), session.groups(), request, start, end,
                outcome.ok() ? OK$.MODULE$ : KO$.MODULE$, Option.apply(outcome.responseCode()), Option.apply(outcome.message()));
        record(request, micros, outcome);
    }

    /** Records without reporting to Gatling (the harness's own bookkeeping). */
    public void record(String request, long micros, Outcome outcome) {
        if (closed) {
            cutOff.increment();
            return;
        }
        Stat s = stats.computeIfAbsent(request, k -> new Stat());
        long value = Math.max(1, Math.min(HIGHEST, micros));
        if (outcome.ok()) {
            s.ok.recordValue(value);
            s.okCount.increment();
        } else {
            s.ko.recordValue(value);
            s.koCount.increment();
            errorsByClass.computeIfAbsent(outcome.errorClass() == null ? "other" : outcome.errorClass(), k -> new LongAdder()).increment();
            GroupKey key = new GroupKey(request, outcome.errorClass(), outcome.responseCode(), outcome.enhancedStatusCode(), outcome.message());
            groups.computeIfAbsent(key, k -> new Group(outcome.example())).count.increment();
        }
    }

    /** Per request name: counts, OK latencies (failed attempts never enter them) and KO latencies apart. */
    public Map<String, RequestStats> requestStats() {
        Map<String, RequestStats> out = new TreeMap<>();
        stats.forEach((name, s) -> {
            Histogram ok = s.ok.copy();
            long okCount = s.okCount.sum();
            long koCount = s.koCount.sum();
            RequestStats.Latency ko = koCount == 0 ? null : latency(s.ko.copy());
            out.put(name, new RequestStats(okCount + koCount, okCount, koCount,
                    ms(ok.getMinValue()), ms(ok.getValueAtPercentile(50)), ms(ok.getValueAtPercentile(75)),
                    ms(ok.getValueAtPercentile(95)), ms(ok.getValueAtPercentile(99)), ms(ok.getMaxValue()),
                    Math.round(ok.getMean()) / 1000.0, encode(ok), ko));
        });
        return out;
    }

    private static RequestStats.Latency latency(Histogram h) {
        return new RequestStats.Latency(ms(h.getMinValue()), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
                ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), Math.round(h.getMean()) / 1000.0, encode(h));
    }

    public Map<String, Long> errorsByReplyClass() {
        Map<String, Long> out = new TreeMap<>();
        errorsByClass.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** KO counts by request name and grouped KO message, e.g. {@code "SMTP RCPT: 5xx 550 5.1.1 <address>: unknown user" -> 3}. */
    public Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        groups.forEach((k, g) -> out.merge(k.request() + ": " + k.pattern(), g.count.sum(), Long::sum));
        return out;
    }

    /**
     * The {@code limit} most frequent KO messages (as {@link #errors()}), most frequent first, ties in name
     * order: what a run record keeps, so that a run full of distinct messages cannot bloat it.
     */
    public Map<String, Long> errors(int limit) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        errors().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The KO groups, largest first, at most {@code limit}, saying how many were left out. */
    public CappedList<ErrorGroup> errorGroups(int limit) {
        List<ErrorGroup> all = groups.entrySet().stream()
                .map(e -> new ErrorGroup(e.getKey().request(), e.getKey().errorClass(), e.getKey().replyCode(), e.getKey().enhancedStatusCode(),
                        e.getKey().pattern(), e.getValue().count.sum(), e.getValue().example))
                .sorted(Comparator.comparingLong(ErrorGroup::count).reversed().thenComparing(ErrorGroup::request).thenComparing(ErrorGroup::pattern))
                .toList();
        return CappedList.of(all, limit);
    }

    /** Count of requests (OK + KO) and KO so far, all names. */
    public long[] totals() {
        long all = 0, ko = 0;
        for (Stat s : stats.values()) {
            all += s.okCount.sum() + s.koCount.sum();
            ko += s.koCount.sum();
        }
        return new long[] {all, ko};
    }

    /**
     * The run is over: Gatling's statistics are closed, so what ends now (a step of a user cut off, failing
     * as its connection is closed) is counted as cut off rather than as OK or KO, and the record agrees with
     * the report.
     */
    public void close() {
        closed = true;
    }

    /** Steps that ended after {@link #close()}. */
    public long cutOff() {
        return cutOff.sum();
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
