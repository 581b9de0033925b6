package io.mailharness.gate.merge;

import io.mailharness.record.Ledger;
import io.mailharness.record.MessageTrace;
import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;
import io.mailharness.gate.TestRuns;
import io.mailharness.gate.input.BadInput;
import io.mailharness.gate.histogram.LatencyHistograms;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunRecordMergerTest {

    @Test
    void twoHalvesOfAKnownDataSetGiveTheSamePercentilesAsTheWhole() {
        // 10 000 latencies from 1 ms to ~10 s, skewed so the tail matters; split alternately between injectors.
        Histogram whole = new Histogram(60_000_000L, 3);
        Histogram first = new Histogram(60_000_000L, 3);
        Histogram second = new Histogram(60_000_000L, 3);
        for (int i = 0; i < 10_000; i++) {
            long micros = 1_000 + (long) Math.pow(i, 2.2) % 10_000_000;
            whole.recordValue(micros);
            (i % 3 == 0 ? first : second).recordValue(micros);
        }
        RequestStats wholeStats = TestRuns.stats(whole, 0);
        RunRecord one = record(1, "2025-03-01T10:00:02Z", "2025-03-01T10:05:00Z", Map.of("smtp send", TestRuns.stats(first, 0)), List.of());
        RunRecord two = record(2, "2025-03-01T10:00:00Z", "2025-03-01T10:05:03Z", Map.of("smtp send", TestRuns.stats(second, 0)), List.of());

        RunRecord merged = RunRecordMerger.merge(List.of(source("one", one), source("two", two))).record();

        RequestStats stats = merged.requests().get("smtp send");
        assertEquals(wholeStats.count(), stats.count());
        assertEquals(wholeStats.p50(), stats.p50());
        assertEquals(wholeStats.p75(), stats.p75());
        assertEquals(wholeStats.p95(), stats.p95());
        assertEquals(wholeStats.p99(), stats.p99());
        assertEquals(wholeStats.min(), stats.min());
        assertEquals(wholeStats.max(), stats.max());
        assertEquals(wholeStats.mean(), stats.mean(), 1e-6);
        Histogram mergedHistogram = LatencyHistograms.decode(stats.histogram(), "merged");
        assertEquals(whole, mergedHistogram, "the merged histogram is the whole one, bucket for bucket");
        assertEquals("2025-03-01T10:00:00Z", merged.start());
        assertEquals("2025-03-01T10:05:03Z", merged.end());
    }

    @Test
    void aMessageSentByOneInjectorAndRetrievedByAnotherCountsOnce() {
        // Injector 1 sent m1..m3; injector 2 sent m4. Injector 2 retrieved m1 and m4, injector 1 retrieved m2 twice (once
        // corrupted) and m4. m3 was seen by nobody. Alone, injector 1 would call m1 lost and m4 unknown.
        RunRecord one = record(1, TestRuns.START, TestRuns.END, Map.of(), List.of(
                sent("m1", 1_000), sent("m2", 1_100), sent("m3", 1_200),
                new MessageTrace("m2", "", -1, 1_500, 2, 1),
                new MessageTrace("m4", "", -1, 1_600, 1, 0)),
                new Ledger(3, 3, 0, 1, 0, 1, 1, 2));
        RunRecord two = record(2, TestRuns.START, TestRuns.END, Map.of(), List.of(
                sent("m4", 1_300),
                new MessageTrace("m1", "", -1, 1_400, 1, 0),
                new MessageTrace("m4", "", -1, 1_450, 1, 0)),
                new Ledger(2, 1, 1, 2, 2, 0, 1, 0));

        RunRecord merged = RunRecordMerger.merge(List.of(source("one", one), source("two", two))).record();

        Ledger ledger = merged.ledger();
        assertEquals(5, ledger.sent(), "sent, accepted, rejected are the senders' own facts, summed");
        assertEquals(4, ledger.accepted());
        assertEquals(1, ledger.rejected());
        assertEquals(3, ledger.retrieved(), "m1, m2, m4, each once however many injectors saw it");
        assertEquals(2, ledger.intact());
        assertEquals(1, ledger.corrupted(), "m2");
        assertEquals(2, ledger.duplicated(), "m2 (twice by one injector) and m4 (once by each)");
        assertEquals(1, ledger.lost(), "m3 only");
        assertEquals(List.of("m1", "m2", "m3", "m4"), merged.messages().stream().map(MessageTrace::id).toList());
        MessageTrace m4 = merged.messages().getLast();
        assertEquals("digest-m4", m4.digest());
        assertEquals(1_300, m4.acceptedAtMillis());
        assertEquals(1_450, m4.firstSeenAtMillis());
        assertEquals(2, m4.retrievals());
    }

    @Test
    void countsAndErrorsAreSummedAndTheBusiestInjectorsCpuIsKept() {
        RunRecord one = TestRuns.withInjector(TestRuns.run(1_000), TestRuns.injector(1, 2, 0.40, 0.70));
        RunRecord two = TestRuns.withInjector(TestRuns.run(3_000), TestRuns.injector(2, 2, 0.85, 0.90));
        RunRecordMerger.Merged merged = RunRecordMerger.merge(List.of(source("two", two), source("one", one)));
        RunRecord record = merged.record();
        assertEquals(4_000, record.requests().get("smtp send").count());
        assertEquals(4, record.requests().get("smtp send").ko());
        assertEquals(2L, record.errorsByReplyClass().get("4xx"));
        assertEquals(new RunRecord.Injector(0, 2, "injector-1,injector-2", 8, 0.85, 0.90, 0.3), record.injector());
        assertTrue(record.parameters().get(RunRecordMerger.INJECTORS_PARAMETER).startsWith("1/2 injector-1 4 cores cpu avg 0.40"),
                record.parameters().toString());
        assertTrue(merged.warnings().stream().noneMatch(warning -> warning.contains("injectors ran")), merged.warnings()::toString);
    }

    @Test
    void recordsOfDifferentSimulationsOrTargetsOrTheSameInjectorTwiceAreRefused() {
        RunRecord one = TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(1, 2, 0.1, 0.2));
        RunRecord two = TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(2, 2, 0.1, 0.2));
        BadInput simulations = assertThrows(BadInput.class, () -> RunRecordMerger.merge(List.of(source("a", one),
                source("b", TestRuns.withSimulation(two, "Burst", TestRuns.TARGET)))));
        assertTrue(simulations.getMessage().contains("different simulations: a is MailDay, b is Burst"), simulations.getMessage());
        BadInput targets = assertThrows(BadInput.class, () -> RunRecordMerger.merge(List.of(source("a", one),
                source("b", TestRuns.withSimulation(two, TestRuns.SIMULATION, "exim")))));
        assertTrue(targets.getMessage().contains("different targets"), targets.getMessage());
        BadInput twice = assertThrows(BadInput.class, () -> RunRecordMerger.merge(List.of(source("a", one), source("b", one))));
        assertTrue(twice.getMessage().contains("a and b are both injector 1/2"), twice.getMessage());
    }

    @Test
    void aMissingInjectorIsAWarning() {
        RunRecord one = TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(1, 3, 0.1, 0.2));
        RunRecord three = TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(3, 3, 0.1, 0.2));
        List<String> warnings = RunRecordMerger.merge(List.of(source("a", one), source("c", three))).warnings();
        assertTrue(warnings.stream().anyMatch(warning -> warning.contains("3 injectors ran, 2 records merged; missing injector(s) [2]")),
                warnings::toString);
    }

    private static MessageTrace sent(String id, long acceptedAt) {
        return new MessageTrace(id, "digest-" + id, acceptedAt, -1, 0, 0);
    }

    private static RunRecord record(int index, String start, String end, Map<String, RequestStats> requests, List<MessageTrace> messages) {
        return record(index, start, end, requests, messages, Ledger.EMPTY);
    }

    private static RunRecord record(int index, String start, String end, Map<String, RequestStats> requests,
                                    List<MessageTrace> messages, Ledger ledger) {
        return TestRuns.record("run-" + index, start, end, TestRuns.injector(index, 2, 0.2, 0.4), requests, ledger, messages);
    }

    private static SourceRecord source(String name, RunRecord record) {
        return new SourceRecord(name, record);
    }
}
