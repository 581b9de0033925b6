package io.mailharness.gate.compare;

import io.mailharness.record.RunRecord;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What the reports say about a run besides its metrics: when, how long, and how busy the injector was
 * (the noise check reads the CPU figures).
 *
 * @param durationSeconds NaN when start or end is missing or unreadable
 * @param cpuAverage      NaN when the record has no injector figures
 */
public record RunFacts(String runId, String target, String start, double durationSeconds, int injectors,
                       double cpuAverage, double cpuPeak, double machineCpuAverage) {

    public static RunFacts of(RunRecord record) {
        RunRecord.Injector injector = record.injector();
        return new RunFacts(
                record.runId(),
                record.target(),
                record.start(),
                durationSeconds(record.start(), record.end()),
                injector == null ? 1 : Math.max(1, injector.count()),
                injector == null ? Double.NaN : injector.cpuAverage(),
                injector == null ? Double.NaN : injector.cpuPeak(),
                injector == null ? Double.NaN : injector.machineCpuAverage());
    }

    static double durationSeconds(String start, String end) {
        if (start == null || end == null) return Double.NaN;
        try {
            return Duration.between(Instant.parse(start), Instant.parse(end)).toMillis() / 1000.0;
        } catch (DateTimeParseException e) {
            return Double.NaN;
        }
    }

    /** One line for report headers. */
    public String describe() {
        return "run " + runId + " at " + start + ", " + Numbers.format(durationSeconds) + " s, "
                + injectors + (injectors == 1 ? " injector" : " injectors")
                + ", injector CPU avg " + Numbers.percent(cpuAverage) + " peak " + Numbers.percent(cpuPeak)
                + ", machine CPU avg " + Numbers.percent(machineCpuAverage);
    }
}
