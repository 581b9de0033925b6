package io.mailharness.gatling.record;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.record.RequestStats;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import scala.Option;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one place every timed request of our actions goes through: it reports to Gatling's stats engine
 * (HTML report, assertions) and records into our own HdrHistogram per request name (run-record.json,
 * lossless merge across injectors). Safe from any thread.
 */
public final class LatencyRecorder {
    /** One hour in microseconds: the largest latency recorded as is; longer ones are clamped. */
    private static final long HIGHEST = 3_600_000_000L;

    private static final class Stat {
        final Histogram all = new ConcurrentHistogram(1, HIGHEST, 3);
        final LongAdder ok = new LongAdder();
        final LongAdder ko = new LongAdder();
    }

    private final Map<String, Stat> stats = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errorsByClass = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
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
        s.all.recordValue(Math.max(1, Math.min(HIGHEST, micros)));
        if (outcome.ok()) {
            s.ok.increment();
        } else {
            s.ko.increment();
            errorsByClass.computeIfAbsent(outcome.errorClass() == null ? "other" : outcome.errorClass(), k -> new LongAdder()).increment();
            errors.computeIfAbsent(request + ": " + outcome.message(), k -> new LongAdder()).increment();
        }
    }

    public Map<String, RequestStats> requestStats() {
        Map<String, RequestStats> out = new TreeMap<>();
        stats.forEach((name, s) -> {
            Histogram h = s.all.copy();
            out.put(name, new RequestStats(s.ok.sum() + s.ko.sum(), s.ok.sum(), s.ko.sum(),
                    ms(h.getMinValue()), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(75)),
                    ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()),
                    Math.round(h.getMean()) / 1000.0, encode(h)));
        });
        return out;
    }

    public Map<String, Long> errorsByReplyClass() {
        Map<String, Long> out = new TreeMap<>();
        errorsByClass.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** KO counts by request name and KO message, e.g. {@code "SMTP RCPT: 5xx 550 5.1.1 unknown user" -> 3}. */
    public Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
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

    /** Count of requests (OK + KO) and KO so far, all names. */
    public long[] totals() {
        long all = 0, ko = 0;
        for (Stat s : stats.values()) {
            all += s.ok.sum() + s.ko.sum();
            ko += s.ko.sum();
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
