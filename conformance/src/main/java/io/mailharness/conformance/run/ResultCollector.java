package io.mailharness.conformance.run;

import io.mailharness.conformance.ConformanceSuite;
import io.mailharness.conformance.check.CheckMetadata;
import io.mailharness.conformance.check.ConformanceExtension;
import io.mailharness.result.CheckResult;
import io.mailharness.result.Outcome;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listens to a suite run and turns each finished check into a {@link CheckResult}: the outcome and
 * "expected / actual / transcript" from the extension's report entries, the metadata from the method's
 * annotations, the duration from start and finish.
 */
public final class ResultCollector implements TestExecutionListener {
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
    private final List<CheckResult> results = new ArrayList<>();

    @Override
    public void executionStarted(TestIdentifier test) {
        started.put(test.getUniqueId(), System.nanoTime());
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        if (entry.getKeyValuePairs().containsKey(ConformanceExtension.OUTCOME)) {
            entries.put(test.getUniqueId(), entry.getKeyValuePairs());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        check(test).ifPresent(check -> add(check, Outcome.SKIP, "", "skipped: " + reason, "", 0));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Optional<CheckMetadata> check = check(test);
        if (check.isEmpty()) return;
        Long start = started.remove(test.getUniqueId());
        long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        Map<String, String> entry = entries.remove(test.getUniqueId());
        if (entry != null) {
            add(check.get(), Outcome.valueOf(entry.get(ConformanceExtension.OUTCOME)),
                    entry.getOrDefault(ConformanceExtension.EXPECTED, ""),
                    entry.getOrDefault(ConformanceExtension.ACTUAL, ""),
                    entry.getOrDefault(ConformanceExtension.TRANSCRIPT, ""), millis);
            return;
        }
        String problem = result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).orElse("");
        switch (result.getStatus()) {
            case SUCCESSFUL -> add(check.get(), Outcome.PASS, "", "", "", millis);
            case ABORTED -> add(check.get(), Outcome.SKIP, "", "skipped: " + problem, "", millis);
            case FAILED -> add(check.get(), Outcome.FAIL, "the check runs", "check error: " + problem, "", millis);
        }
    }

    private synchronized void add(CheckMetadata check, Outcome outcome, String expected, String actual, String transcript, long millis) {
        results.add(result(check, outcome, expected, actual, transcript, millis));
    }

    private static CheckResult result(CheckMetadata check, Outcome outcome, String expected, String actual, String transcript, long millis) {
        return new CheckResult(check.id(), check.rfc(), check.section(), check.sectionTitle(), check.level(),
                check.requirement(), check.tags(), outcome, expected, actual, transcript, millis, check.group());
    }

    private static Optional<CheckMetadata> check(TestIdentifier test) {
        return test.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .flatMap(source -> CheckMetadata.of(source.getJavaMethod()));
    }

    /** The results in the suite's order (sections as listed, checks by ID), however concurrently they ran. */
    public synchronized List<CheckResult> results() {
        return inSuiteOrder(results);
    }

    private static List<CheckResult> inSuiteOrder(List<CheckResult> results) {
        List<String> order = ConformanceSuite.checks().stream().map(CheckMetadata::id).toList();
        return results.stream().sorted(java.util.Comparator.comparingInt((CheckResult r) -> order.indexOf(r.id()))
                .thenComparing(CheckResult::id)).toList();
    }

    /**
     * The results so far, and each selected check that has none yet as a SKIP that says why ({@code reason}): what a
     * run stopped before its end can still report, without a verdict it did not reach.
     */
    public synchronized List<CheckResult> resultsSoFar(CheckSelection selection, String reason) {
        java.util.Set<String> finished = new java.util.HashSet<>();
        for (CheckResult r : results) finished.add(r.id());
        List<CheckResult> all = new ArrayList<>(results);
        for (CheckMetadata check : ConformanceSuite.checks()) {
            if (selection.selects(check) && !finished.contains(check.id())) all.add(result(check, Outcome.SKIP, "", CheckResult.NOT_FINISHED + reason, "", 0));
        }
        return inSuiteOrder(all);
    }
}
