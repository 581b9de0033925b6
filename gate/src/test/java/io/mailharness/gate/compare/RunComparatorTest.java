package io.mailharness.gate.compare;

import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;
import io.mailharness.gate.TestRuns;
import io.mailharness.gate.input.BadInput;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunComparatorTest {
    private final RunComparator comparator = new RunComparator(Tolerances.defaults());

    @Test
    void identicalRunsAreOkEverywhere() {
        RunRecord run = TestRuns.run(2_000);
        RunComparison comparison = comparator.compare(run, run);
        assertEquals(2 * Metric.values().length + 4, comparison.metrics().size(), "two requests, and the ledger's four classes");
        assertTrue(comparison.metrics().stream().allMatch(metric -> metric.verdict() == Verdict.OK), comparison.metrics()::toString);
        assertFalse(comparison.fails(true));
    }

    @Test
    void aLedgerClassRegressesOnItsCountsWhateverTheSamplesAndStrictHasNothingToComplainAbout() {
        RunRecord baseline = withLedger(TestRuns.run(2_000), 1_000, 0, true);
        RunRecord lossy = withLedger(baseline, 1_000, 1, true);
        RunComparison comparison = comparator.compare(baseline, lossy);
        MetricComparison lost = find(comparison, "ledger lost", Metric.ERROR_RATE);
        assertEquals(Verdict.REGRESSED, lost.verdict(), "one lost message: no sample minimum applies");
        assertTrue(comparison.fails(false));
        assertEquals(1, comparison.metrics().stream().filter(m -> m.request().equals("ledger lost")).count(), "latencies of a verdict are not compared");
        assertFalse(comparator.compare(baseline, baseline).fails(true), "a run compared with itself passes even --strict");
        assertEquals(Verdict.IMPROVED, find(comparator.compare(lossy, baseline), "ledger lost", Metric.ERROR_RATE).verdict());
    }

    @Test
    void aBaselineThatLostOneMessageDoesNotHideARunThatLostMost() {
        RunRecord baseline = withLedger(TestRuns.run(2_000), 1_000, 1, true);
        RunRecord current = withLedger(baseline, 50, 40, true);
        assertEquals(Verdict.REGRESSED, find(comparator.compare(baseline, current), "ledger lost", Metric.ERROR_RATE).verdict(),
                "1 of 1000 lost, then 40 of 50: the one KO verdict request per run cannot tell them apart, the counts can");
        assertEquals(Verdict.OK, find(comparator.compare(baseline, withLedger(baseline, 2_000, 2, true)), "ledger lost", Metric.ERROR_RATE).verdict(),
                "the same share");
        assertEquals(Verdict.OK, find(comparator.compare(baseline, withLedger(baseline, 999, 1, true)), "ledger lost", Metric.ERROR_RATE).verdict(),
                "1 of 999 after 1 of 1000: a share a hair larger is chance");
        RunRecord twoOf2000 = withLedger(baseline, 2_000, 2, true);
        assertEquals(Verdict.OK, find(comparator.compare(twoOf2000, withLedger(baseline, 999, 1, true)), "ledger lost", Metric.ERROR_RATE).verdict(),
                "fewer lost, a slightly larger share: chance");
    }

    @Test
    void aRunStoppedBySignalIsGatedOnItsLedgerAndSaysSo() {
        RunRecord baseline = withLedger(TestRuns.run(2_000), 1_000, 0, true);
        RunRecord stopped = withLedger(baseline, 300, 5, false); // no "ledger …" requests: the drain never ran
        Map<String, String> parameters = new LinkedHashMap<>(stopped.parameters());
        parameters.put(RunRecord.STOPPED_BY, "signal");
        stopped = new RunRecord(stopped.formatVersion(), stopped.simulation(), stopped.target(), stopped.runId(), stopped.start(), stopped.end(),
                parameters, stopped.injector(), stopped.requests(), stopped.errorsByReplyClass(), stopped.ledger(), stopped.messages(),
                stopped.errors(), stopped.errorsLeftOut(), stopped.errorGroups(), stopped.delivery(), stopped.connections());
        RunComparison comparison = comparator.compare(baseline, stopped);
        assertEquals(Verdict.REGRESSED, find(comparison, "ledger lost", Metric.ERROR_RATE).verdict());
        assertTrue(comparison.notes().stream().anyMatch(n -> n.contains("current run was stopped by a signal")), comparison.notes()::toString);
        assertTrue(comparison.unmatched().stream().noneMatch(u -> u.contains("ledger")), comparison.unmatched()::toString);
    }

    @Test
    void aDifferentLoadIsNotedSoThatAChangeIsNotBlamedOnTheServer() {
        RunRecord baseline = TestRuns.run(2_000);
        Map<String, String> parameters = new LinkedHashMap<>(baseline.parameters());
        parameters.put("users", "40");
        parameters.put("mailharness.rate.share", "2.5");
        RunRecord current = new RunRecord(baseline.formatVersion(), baseline.simulation(), baseline.target(), "run-b", baseline.start(), baseline.end(),
                parameters, baseline.injector(), baseline.requests(), baseline.errorsByReplyClass(), baseline.ledger(), baseline.messages(),
                baseline.errors(), baseline.errorsLeftOut(), baseline.errorGroups(), baseline.delivery(), baseline.connections());
        assertEquals(List.of("different load parameters: users 10 → 40"), comparator.compare(baseline, current).notes());
        assertEquals(List.of(), comparator.compare(baseline, baseline).notes());
    }

    /** {@code run} having accepted {@code accepted} messages and lost {@code lost}, with its "ledger …" verdict requests or not. */
    private static RunRecord withLedger(RunRecord run, long accepted, long lost, boolean verdictRequests) {
        Map<String, RequestStats> requests = new LinkedHashMap<>(run.requests());
        requests.keySet().removeIf(name -> name.startsWith(RunRecord.LEDGER_VERDICT_PREFIX));
        if (verdictRequests) {
            for (String verdict : java.util.List.of("lost", "corrupted", "duplicated", "not retrievable")) {
                requests.put(RunRecord.LEDGER_VERDICT_PREFIX + verdict, TestRuns.stats(TestRuns.latencies(1), verdict.equals("lost") && lost > 0 ? 1 : 0));
            }
        }
        io.mailharness.record.Ledger ledger = new io.mailharness.record.Ledger(accepted, accepted, 0, accepted - lost, accepted - lost, 0, 0, lost);
        return TestRuns.record(run.runId(), run.start(), run.end(), run.injector(), requests, ledger, java.util.List.of());
    }

    @Test
    void anErrorRateThatJumpsBeyondChanceRegressesBelowTheSampleMinimum() {
        RunRecord baseline = withSend(TestRuns.run(2_000), 80, 0);
        MetricComparison errors = find(comparator.compare(baseline, withSend(baseline, 80, 28)), "smtp send", Metric.ERROR_RATE);
        assertEquals(Verdict.REGRESSED, errors.verdict(), "0 of 80 failing, then 28 of 80, is no noise: " + errors.noiseText());
        assertEquals(Verdict.INCONCLUSIVE, find(comparator.compare(baseline, withSend(baseline, 80, 2)), "smtp send", Metric.ERROR_RATE).verdict(),
                "0 of 80, then 2 of 80, may be");
    }

    @Test
    void aSmallThroughputStaysInconclusiveBelowItsSampleMinimum() {
        RunRecord run = TestRuns.run(2_000);
        RunRecord tenSeconds = TestRuns.record(run.runId(), TestRuns.START, "2025-03-01T10:00:10Z", run.injector(), run.requests(), run.ledger(), List.of());
        assertEquals(Verdict.INCONCLUSIVE, find(comparator.compare(withSend(tenSeconds, 41, 0), withSend(tenSeconds, 8, 0)), "smtp send", Metric.THROUGHPUT).verdict(),
                "a count over the whole run window, drain included, is no Poisson sample: the minimum holds");
    }

    /** {@code run} whose "smtp send" has {@code count} requests, {@code ko} of them KO. */
    private static RunRecord withSend(RunRecord run, int count, int ko) {
        Map<String, RequestStats> requests = new LinkedHashMap<>(run.requests());
        requests.put("smtp send", ko == 0 ? TestRuns.stats(TestRuns.latencies(count), 0) : TestRuns.stats(TestRuns.latencies(count - ko), TestRuns.latencies(ko)));
        return TestRuns.withRequests(run, requests);
    }

    @Test
    void runsWithNoRequestInCommonAreRefusedNotPassed() {
        RunRecord baseline = TestRuns.run(2_000);
        Map<String, RequestStats> renamed = new LinkedHashMap<>();
        baseline.requests().forEach((name, stats) -> renamed.put("renamed " + name, stats));
        BadInput refused = assertThrows(BadInput.class, () -> comparator.compare(baseline, TestRuns.withRequests(baseline, renamed)));
        assertTrue(refused.getMessage().contains("no request in common"), refused.getMessage());
    }

    @Test
    void thirtyPercentSlowerP95RegressesOnlyP95() {
        RunRecord baseline = TestRuns.run(2_000);
        RunRecord current = doctoredP95(baseline, 1.3);
        RunComparison comparison = comparator.compare(baseline, current);
        MetricComparison p95 = find(comparison, "smtp send", Metric.P95);
        assertEquals(Verdict.REGRESSED, p95.verdict());
        assertEquals(30.0, p95.change(), 1e-9);
        assertEquals(1, comparison.count(Verdict.REGRESSED));
        assertTrue(comparison.fails(false));
    }

    @Test
    void aSmallAbsoluteChangeIsNotARegressionHoweverLargeInPercent() {
        Tolerance p50 = Tolerances.defaults().of("smtp send", Metric.P50);
        assertEquals(Verdict.OK, RunComparator.measure(Metric.P50, p50, 1.0, 2.0));
        assertEquals(Verdict.REGRESSED, RunComparator.measure(Metric.P50, p50, 10.0, 14.0));
        assertEquals(Verdict.IMPROVED, RunComparator.measure(Metric.P50, p50, 14.0, 10.0));
    }

    @Test
    void throughputRegressesWhenItDrops() {
        Tolerance throughput = Tolerances.defaults().of("smtp send", Metric.THROUGHPUT);
        assertEquals(Verdict.REGRESSED, RunComparator.measure(Metric.THROUGHPUT, throughput, 100, 80));
        assertEquals(Verdict.OK, RunComparator.measure(Metric.THROUGHPUT, throughput, 100, 90));
        assertEquals(Verdict.IMPROVED, RunComparator.measure(Metric.THROUGHPUT, throughput, 100, 130));
    }

    @Test
    void errorRateIsJudgedInPercentagePoints() {
        Tolerance errors = Tolerances.defaults().of("smtp send", Metric.ERROR_RATE);
        assertEquals(Verdict.OK, RunComparator.measure(Metric.ERROR_RATE, errors, 0.1, 0.9));
        assertEquals(Verdict.REGRESSED, RunComparator.measure(Metric.ERROR_RATE, errors, 0.1, 1.5));
        assertEquals(Verdict.REGRESSED, RunComparator.measure(Metric.ERROR_RATE, errors, 0, 2));
    }

    @Test
    void aSaturatedInjectorMakesEveryVerdictInconclusiveNotARegression() {
        RunRecord baseline = TestRuns.run(2_000);
        RunRecord current = TestRuns.withInjector(doctoredP95(baseline, 1.3), TestRuns.injector(1, 1, 0.93, 1.0));
        RunComparison comparison = comparator.compare(baseline, current);
        MetricComparison p95 = find(comparison, "smtp send", Metric.P95);
        assertEquals(Verdict.INCONCLUSIVE, p95.verdict());
        assertEquals(Verdict.REGRESSED, p95.measured());
        assertTrue(p95.noiseText().contains("current injector CPU avg 93 %"), p95.noiseText());
        assertFalse(comparison.fails(false));
        assertTrue(comparison.fails(true));
    }

    @Test
    void tooFewSamplesForP99IsInconclusiveButP50IsJudged() {
        RunRecord run = TestRuns.run(200);
        RunComparison comparison = comparator.compare(run, run);
        assertEquals(Verdict.INCONCLUSIVE, find(comparison, "smtp send", Metric.P99).verdict());
        assertTrue(find(comparison, "smtp send", Metric.P99).noiseText().contains("p99 needs ≥ 500"));
        assertEquals(Verdict.OK, find(comparison, "smtp send", Metric.P50).verdict());
    }

    @Test
    void differentSimulationsAreRefused() {
        RunRecord run = TestRuns.run(100);
        BadInput error = assertThrows(BadInput.class, () -> comparator.compare(run, TestRuns.withSimulation(run, "Burst", TestRuns.TARGET)));
        assertTrue(error.getMessage().contains("different simulations"));
    }

    @Test
    void aRunThatRecordedNoRequestsIsRefusedNotPassed() {
        RunRecord baseline = TestRuns.run(2_000);
        RunRecord crashed = TestRuns.withRequests(baseline, Map.of());
        BadInput current = assertThrows(BadInput.class, () -> comparator.compare(baseline, crashed));
        assertTrue(current.getMessage().contains("current run") && current.getMessage().contains("recorded no requests"), current.getMessage());
        BadInput base = assertThrows(BadInput.class, () -> comparator.compare(crashed, baseline));
        assertTrue(base.getMessage().startsWith("the baseline"), base.getMessage());
    }

    @Test
    void aRequestNameInOneRunOnlyIsNotComparedAndFailsOnlyWhenStrict() {
        RunRecord baseline = TestRuns.run(2_000);
        Map<String, RequestStats> requests = new LinkedHashMap<>(baseline.requests());
        requests.put("pop3 retrieve", requests.get("smtp send"));
        RunComparison comparison = comparator.compare(baseline, TestRuns.withRequests(baseline, requests));
        assertEquals(1, comparison.unmatched().size());
        assertFalse(comparison.fails(false));
        assertTrue(comparison.fails(true));
    }

    @Test
    void perRequestOverridesInTheToleranceFileLoosenOnlyThatRequest(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve(Tolerances.FILE_NAME), """
                requests { "smtp send" { p95 { percent = 50 } } }
                """);
        Tolerances tolerances = Tolerances.load(file);
        assertEquals(50, tolerances.of("smtp send", Metric.P95).percent());
        assertEquals(3, tolerances.of("smtp send", Metric.P95).floor());
        assertEquals(20, tolerances.of(RunRecord.DELIVERY_LATENCY, Metric.P95).percent());
        RunRecord baseline = TestRuns.run(2_000);
        RunComparison comparison = new RunComparator(tolerances).compare(baseline, doctoredP95(baseline, 1.3));
        assertEquals(Verdict.OK, find(comparison, "smtp send", Metric.P95).verdict());
    }

    @Test
    void aTypoInTheToleranceFileIsBadInputNotASilentlyLooserGate(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve(Tolerances.FILE_NAME), "defaults { p59 { percent = 50 } }\n");
        BadInput error = assertThrows(BadInput.class, () -> Tolerances.load(file));
        assertTrue(error.getMessage().contains("p59 is not a metric"), error.getMessage());
        Path wrongKey = Files.writeString(folder.resolve("other.conf"), "defaults { p95 { percnt = 50 } }\n");
        assertThrows(BadInput.class, () -> Tolerances.load(wrongKey));
        Path wrongType = Files.writeString(folder.resolve("third.conf"), "defaults { p95 { percent = lots } }\n");
        assertThrows(BadInput.class, () -> Tolerances.load(wrongType));
    }

    @Test
    void aMisspeltRequestNameOrAValueOutOfRangeInTheToleranceFileIsBadInput(@TempDir Path folder) throws IOException {
        Path misspelt = Files.writeString(folder.resolve(Tolerances.FILE_NAME), "requests { \"smtp snd\" { p95 { percent = 500 } } }\n");
        RunRecord run = TestRuns.run(2_000);
        BadInput error = assertThrows(BadInput.class, () -> new RunComparator(Tolerances.load(misspelt)).compare(run, run));
        assertTrue(error.getMessage().contains("'smtp snd', which neither run has"), error.getMessage());
        Path cpuInPercent = Files.writeString(folder.resolve("cpu.conf"), "noise { cpu-average = 85 }\n");
        assertTrue(assertThrows(BadInput.class, () -> Tolerances.load(cpuInPercent)).getMessage().contains("not a share of the CPU"));
        Path negative = Files.writeString(folder.resolve("negative.conf"), "defaults { p95 { percent = -5 } }\n");
        assertTrue(assertThrows(BadInput.class, () -> Tolerances.load(negative)).getMessage().contains("negative"));
    }

    static RunRecord doctoredP95(RunRecord run, double factor) {
        Map<String, RequestStats> requests = new LinkedHashMap<>(run.requests());
        requests.put("smtp send", TestRuns.withP95(requests.get("smtp send"), factor));
        return TestRuns.withRequests(run, requests);
    }

    static MetricComparison find(RunComparison comparison, String request, Metric metric) {
        return comparison.metrics().stream()
                .filter(line -> line.request().equals(request) && line.metric() == metric)
                .findFirst().orElseThrow();
    }
}
