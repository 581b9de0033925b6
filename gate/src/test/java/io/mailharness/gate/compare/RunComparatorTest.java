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
        assertEquals(2 * Metric.values().length, comparison.metrics().size());
        assertTrue(comparison.metrics().stream().allMatch(metric -> metric.verdict() == Verdict.OK), comparison.metrics()::toString);
        assertFalse(comparison.fails(true));
    }

    @Test
    void aLedgerVerdictRegressesOnItsOneRequestAndStrictHasNothingToComplainAbout() {
        RunRecord baseline = withLedgerLost(TestRuns.run(2_000), 0);
        RunRecord lossy = withLedgerLost(baseline, 1);
        RunComparison comparison = comparator.compare(baseline, lossy);
        MetricComparison lost = find(comparison, "ledger lost", Metric.ERROR_RATE);
        assertEquals(Verdict.REGRESSED, lost.verdict(), "one request per run: no sample minimum applies");
        assertTrue(comparison.fails(false));
        assertEquals(1, comparison.metrics().stream().filter(m -> m.request().equals("ledger lost")).count(), "latencies of a verdict are not compared");
        assertFalse(comparator.compare(baseline, baseline).fails(true), "a run compared with itself passes even --strict");
        assertEquals(Verdict.IMPROVED, find(comparator.compare(lossy, baseline), "ledger lost", Metric.ERROR_RATE).verdict());
    }

    /** {@code run} with a "ledger lost" verdict request: KO when {@code ko} is 1. */
    private static RunRecord withLedgerLost(RunRecord run, int ko) {
        Map<String, RequestStats> requests = new LinkedHashMap<>(run.requests());
        requests.put("ledger lost", TestRuns.stats(TestRuns.latencies(1), ko));
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
