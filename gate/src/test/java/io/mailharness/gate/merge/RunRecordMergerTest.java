package io.mailharness.gate.merge;

import io.mailharness.record.CappedList;
import io.mailharness.record.DeliveryCheck;
import io.mailharness.record.ErrorGroup;
import io.mailharness.record.Ledger;
import io.mailharness.record.MessageTrace;
import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;
import io.mailharness.gate.TestRuns;
import io.mailharness.gate.input.BadInput;
import io.mailharness.gate.histogram.LatencyHistograms;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void theInjectorsCpuTimeAddsUpAndStaysUnknownWhenOneDidNotMeasureIt() {
        RunRecord.Injector measured1 = new RunRecord.Injector(1, 3, "injector-1", 4, 0.4, 0.7, 0.3, 1.5);
        RunRecord.Injector measured2 = new RunRecord.Injector(2, 3, "injector-2", 4, 0.4, 0.7, 0.3, 2.25);
        RunRecord one = TestRuns.withInjector(TestRuns.run(1_000), measured1);
        RunRecord two = TestRuns.withInjector(TestRuns.run(1_000), measured2);
        assertEquals(3.75, RunRecordMerger.merge(List.of(source("one", one), source("two", two)), true).record().injector().cpuSeconds());

        RunRecord three = TestRuns.withInjector(TestRuns.run(1_000), TestRuns.injector(3, 3, 0.4, 0.7));
        assertNull(RunRecordMerger.merge(List.of(source("one", one), source("two", two), source("three", three))).record().injector().cpuSeconds());
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
    void runsThatDidNotOverlapInTimeAreRefused() {
        RunRecord one = record(1, "2025-03-01T10:00:00Z", "2025-03-01T10:05:00Z", Map.of("smtp send", TestRuns.stats(TestRuns.latencies(100), 0)), List.of());
        RunRecord two = record(2, "2025-03-04T10:00:00Z", "2025-03-04T10:05:00Z", Map.of("smtp send", TestRuns.stats(TestRuns.latencies(100), 0)), List.of());
        BadInput apart = assertThrows(BadInput.class, () -> RunRecordMerger.merge(List.of(source("a", one), source("b", two))));
        assertEquals("cannot merge runs that did not overlap in time: a ran 2025-03-01T10:00:00Z to 2025-03-01T10:05:00Z,"
                + " b ran 2025-03-04T10:00:00Z to 2025-03-04T10:05:00Z", apart.getMessage());

        RunRecord late = record(2, "2025-03-01T10:04:00Z", "2025-03-01T10:09:00Z", Map.of("smtp send", TestRuns.stats(TestRuns.latencies(100), 0)), List.of());
        assertEquals("2025-03-01T10:09:00Z", RunRecordMerger.merge(List.of(source("a", one), source("b", late))).record().end(),
                "windows that overlap for a minute merge");
    }

    @Test
    void differingParametersAreAWarningButAnInjectorsOwnNumberAndShareAreNot() {
        RunRecord one = TestRuns.withParameters(TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(1, 2, 0.1, 0.2)),
                Map.of("mailharness.injector", "1/2", "mailharness.users.share", "2", "mailharness.rate", "10", "mailharness.duration", "60"));
        RunRecord two = TestRuns.withParameters(TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(2, 2, 0.1, 0.2)),
                Map.of("mailharness.injector", "2/2", "mailharness.users.share", "1", "mailharness.rate", "20"));
        RunRecordMerger.Merged merged = RunRecordMerger.merge(List.of(source("a", one), source("b", two)));
        assertEquals(List.of("the injectors ran with different parameters: mailharness.duration (60 | not set), mailharness.rate (10 | 20);"
                + " the merged record lists each value"), parameterWarnings(merged));
        assertEquals("10 | 20", merged.record().parameters().get("mailharness.rate"));

        RunRecord same = TestRuns.withParameters(two, Map.of("mailharness.injector", "2/2", "mailharness.users.share", "1",
                "mailharness.rate", "10", "mailharness.duration", "60"));
        assertEquals(List.of(), parameterWarnings(RunRecordMerger.merge(List.of(source("a", one), source("b", same)))));
    }

    @Test
    void aMissingInjectorIsRefusedUnlessAllowedThenAWarning() {
        RunRecord one = TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(1, 3, 0.1, 0.2));
        RunRecord three = TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(3, 3, 0.1, 0.2));
        BadInput missing = assertThrows(BadInput.class, () -> RunRecordMerger.merge(List.of(source("a", one), source("c", three))));
        assertEquals("3 injectors ran, 2 records merged; missing injector(s) [2]: totals cover only part of the load"
                + " (--allow-missing merges them all the same)", missing.getMessage());
        List<String> warnings = RunRecordMerger.merge(List.of(source("a", one), source("c", three)), true).warnings();
        assertTrue(warnings.stream().anyMatch(warning -> warning.contains("3 injectors ran, 2 records merged; missing injector(s) [2]")),
                warnings::toString);
    }

    @Test
    void koLatenciesMergeLikeOkOnesAndNeverMoveTheOkPercentiles() {
        Histogram okWhole = new Histogram(60_000_000L, 3);
        Histogram koWhole = new Histogram(60_000_000L, 3);
        Histogram[] ok = {new Histogram(60_000_000L, 3), new Histogram(60_000_000L, 3)};
        Histogram[] ko = {new Histogram(60_000_000L, 3), new Histogram(60_000_000L, 3)};
        for (int i = 0; i < 3_000; i++) {
            long okMicros = 2_000 + (i * 7_919L) % 40_000;
            okWhole.recordValue(okMicros);
            ok[i % 2].recordValue(okMicros);
            if (i % 10 == 0) {
                long koMicros = 30_000_000 + (i * 104_729L) % 5_000_000; // timeouts: far slower than any OK
                koWhole.recordValue(koMicros);
                ko[i % 20 == 0 ? 0 : 1].recordValue(koMicros);
            }
        }
        RunRecord one = record(1, TestRuns.START, TestRuns.END, Map.of("smtp send", TestRuns.stats(ok[0], ko[0])), List.of());
        RunRecord two = record(2, TestRuns.START, TestRuns.END, Map.of("smtp send", TestRuns.stats(ok[1], ko[1])), List.of());

        RequestStats merged = RunRecordMerger.merge(List.of(source("one", one), source("two", two))).record().requests().get("smtp send");

        RequestStats whole = TestRuns.stats(okWhole, koWhole);
        assertEquals(3_300, merged.count());
        assertEquals(300, merged.ko());
        assertEquals(whole.p99(), merged.p99(), "OK percentiles are of OK requests only");
        assertEquals(whole.max(), merged.max());
        assertEquals(okWhole, LatencyHistograms.decode(merged.histogram(), "ok"));
        RequestStats.Latency koMerged = merged.koLatency();
        assertEquals(koWhole, LatencyHistograms.decode(koMerged.histogram(), "ko"), "the KO histogram is the whole one, bucket for bucket");
        assertEquals(whole.koLatency().p50(), koMerged.p50());
        assertEquals(whole.koLatency().p99(), koMerged.p99());
        assertEquals(whole.koLatency().min(), koMerged.min());
        assertEquals(whole.koLatency().max(), koMerged.max());
        assertEquals(whole.koLatency().mean(), koMerged.mean(), 1e-6);
    }

    @Test
    void errorGroupsJoinByTheirKeyKeepingOneExampleAndSayingWhatWasLeftOut() {
        ErrorGroup full = new ErrorGroup("SMTP RCPT", "4xx", "452", "4.2.2", "4xx 452 4.2.2 mailbox <address> full", 5, "452 4.2.2 mailbox a@x full");
        ErrorGroup fullElsewhere = new ErrorGroup("SMTP RCPT", "4xx", "452", "4.2.2", "4xx 452 4.2.2 mailbox <address> full", 7, "452 4.2.2 mailbox b@x full");
        ErrorGroup fullAtData = new ErrorGroup("SMTP DATA", "4xx", "452", "4.2.2", "4xx 452 4.2.2 mailbox <address> full", 2, "452 4.2.2 mailbox c@x full");
        ErrorGroup timeout = new ErrorGroup("POP3 RETR", "timeout", null, null, "no reply within <n> ms", 9, "no reply within 5000 ms");
        RunRecord one = withGroups(1, new CappedList<>(List.of(full, fullAtData), 3));
        RunRecord two = withGroups(2, new CappedList<>(List.of(timeout, fullElsewhere), 1));

        CappedList<ErrorGroup> groups = RunRecordMerger.merge(List.of(source("two", two), source("one", one))).record().errorGroups();

        assertEquals(List.of(
                new ErrorGroup("SMTP RCPT", "4xx", "452", "4.2.2", "4xx 452 4.2.2 mailbox <address> full", 12, "452 4.2.2 mailbox a@x full"),
                timeout, fullAtData), groups.entries(), "largest first; the same stage and codes but another request stay apart");
        assertEquals(4, groups.leftOut(), "the injectors' left-out groups, summed");

        List<ErrorGroup> many = new ArrayList<>();
        for (int i = 0; i < RunRecord.ERROR_GROUPS_KEPT; i++) many.add(new ErrorGroup("SMTP DATA", "5xx", "554", null, "554 rule " + i, 1, "554 rule " + i));
        RunRecord crowded = withGroups(1, new CappedList<>(many, 0));
        CappedList<ErrorGroup> capped = RunRecordMerger.merge(List.of(source("one", crowded), source("two", two))).record().errorGroups();
        assertEquals(RunRecord.ERROR_GROUPS_KEPT, capped.entries().size());
        assertEquals(List.of(timeout, fullElsewhere), capped.entries().subList(0, 2), "the largest are kept");
        assertEquals(1 + 1 + 1, capped.leftOut(), "two groups cut by the merge, one left out by injector 2");
    }

    @Test
    void deliveryClassesAreSummedAndADeliveryReadOnlyByAnotherInjectorIsNoLongerLost() {
        // Injector 1 sent m1..m4: it read m1 itself (annotated), never saw m2, m3, m4. Injector 2 read m2 intact and m3
        // damaged; m4 arrived nowhere. Alone, injector 1 counts m2, m3, m4 lost; injector 2 owes nothing.
        RunRecord one = TestRuns.withParts(record(1, TestRuns.START, TestRuns.END, Map.of(), List.of(
                        new MessageTrace("m1", "d1", 1_000, 1_100, 1, 0), sent("m2", 1_000), sent("m3", 1_000), sent("m4", 1_000)),
                        new Ledger(4, 4, 0, 1, 1, 0, 0, 3)),
                null, new DeliveryCheck(true, 4, 0, 1, 0, 0, 0, 0, 0, 3, "ledger-samples", Map.of()), null);
        RunRecord two = TestRuns.withParts(record(2, TestRuns.START, TestRuns.END, Map.of(), List.of(
                        new MessageTrace("m2", "", -1, 1_200, 1, 0), new MessageTrace("m3", "", -1, 1_300, 1, 1)),
                        Ledger.EMPTY),
                null, new DeliveryCheck(true, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, Map.of()), null);

        RunRecordMerger.Merged merged = RunRecordMerger.merge(List.of(source("one", one), source("two", two)));

        DeliveryCheck delivery = merged.record().delivery();
        assertEquals(new DeliveryCheck(true, 4, 1, 1, 0, 0, 0, 1, 0, 1, null, Map.of()), delivery,
                "m1 annotated, m2 intact, m3 damaged with nothing to compare with, m4 lost");
        assertTrue(delivery.balances());
        assertEquals(delivery.lost(), merged.record().ledger().lost(), "the classes agree with the ledger");
        assertEquals(null, merged.record().errorGroups(), "no record has error groups");
        assertEquals(null, merged.record().connections());
    }

    @Test
    void connectionFiguresAreSummedThePeakAsAnUpperBound() {
        RunRecord one = TestRuns.withParts(TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(1, 2, 0.1, 0.2)),
                null, null, new RunRecord.Connections(40, 120, 3, 900, 2, 0, 1));
        RunRecord two = TestRuns.withParts(TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(2, 2, 0.1, 0.2)),
                null, null, new RunRecord.Connections(35, 100, 0, 0, 5, 1, 4));
        assertEquals(new RunRecord.Connections(75, 220, 3, 900, 7, 1, 5),
                RunRecordMerger.merge(List.of(source("one", one), source("two", two))).record().connections());
    }

    @Test
    void aPartOnlySomeRecordsHaveIsLeftOutWithAWarning() {
        RunRecord one = TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(1, 2, 0.1, 0.2));
        RunRecord older = TestRuns.withParts(TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(2, 2, 0.1, 0.2)), null, null, null);
        RunRecordMerger.Merged merged = RunRecordMerger.merge(List.of(source("one", one), source("older", older)));
        assertEquals(null, merged.record().errorGroups());
        assertEquals(null, merged.record().delivery());
        assertEquals(null, merged.record().connections());
        assertTrue(merged.warnings().contains("older has no error groups (written by an older Mailharness): the merged record has none"),
                merged.warnings()::toString);
        assertEquals(2L, merged.record().errors().values().stream().mapToLong(Long::longValue).sum(), "KO messages are still summed");
    }

    private static RunRecord withGroups(int index, CappedList<ErrorGroup> groups) {
        RunRecord run = TestRuns.withInjector(TestRuns.run(100), TestRuns.injector(index, 2, 0.1, 0.2));
        return TestRuns.withParts(run, groups, run.delivery(), run.connections());
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

    private static List<String> parameterWarnings(RunRecordMerger.Merged merged) {
        return merged.warnings().stream().filter(warning -> warning.contains("parameters")).toList();
    }

    private static SourceRecord source(String name, RunRecord record) {
        return new SourceRecord(name, record);
    }
}
