package io.mailharness.conformance.run;

import io.mailharness.conformance.ConformanceSuite;
import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckMetadata;
import io.mailharness.conformance.check.SuiteParameters;
import io.mailharness.result.CheckResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the suite's checks through the JUnit Platform Launcher against a registered target, and returns
 * one {@link CheckResult} per check run. The CLI and the proving tests both go through here.
 */
public final class SuiteRunner {
    private SuiteRunner() {}

    /**
     * @param targetRef  key of the target in the registry
     * @param strict     WARN fails the JUnit test too
     * @param selection  which checks
     * @param parameters more configuration parameters (time bounds)
     * @param listeners  more listeners (the JUnit XML writer)
     */
    public static List<CheckResult> run(String targetRef, boolean strict, CheckSelection selection,
                                        Map<String, String> parameters, TestExecutionListener... listeners) {
        return run(targetRef, strict, selection, parameters, new ResultCollector(), listeners);
    }

    /** {@link #run(String, boolean, CheckSelection, Map, TestExecutionListener...)} into a collector the caller can read while it runs. */
    public static List<CheckResult> run(String targetRef, boolean strict, CheckSelection selection, Map<String, String> parameters,
                                        ResultCollector collector, TestExecutionListener... listeners) {
        Map<String, String> configuration = new LinkedHashMap<>(concurrency(parameters));
        configuration.putAll(parameters);
        configuration.put(SuiteParameters.TARGET_REF, targetRef);
        configuration.put(SuiteParameters.STRICT, Boolean.toString(strict));
        configuration.put(SuiteParameters.CHECKS_BEFORE_LAST, checksBeforeLast(selection));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(ConformanceSuite.sections().stream().map(DiscoverySelectors::selectClass).toList())
                .filters(selection)
                .configurationParameters(configuration)
                .build();
        List<TestExecutionListener> all = new ArrayList<>(List.of(listeners));
        all.add(0, collector);
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, all.toArray(TestExecutionListener[]::new));
        return collector.results();
    }

    /**
     * The selected checks that the {@link Check#EVERY_MAILDROP} ones run after, since those look at what the others left
     * (E2E-ONEMSG at the smuggled messages): all the others.
     */
    static String checksBeforeLast(CheckSelection selection) {
        return ConformanceSuite.checks().stream()
                .filter(selection::selects)
                .filter(check -> check.maildrops() != Check.EVERY_MAILDROP)
                .map(CheckMetadata::id)
                .collect(Collectors.joining(","));
    }

    /**
     * Checks run concurrently ({@link SuiteParameters#PARALLELISM} at once, default {@link #DEFAULT_PARALLELISM};
     * 1 runs them one after the other); the maildrops they log into are leased to one check at a time
     * ({@code check.MaildropLeases}, which also lets the load model run alone and E2E-ONEMSG last).
     */
    static Map<String, String> concurrency(Map<String, String> parameters) {
        String given = parameters.getOrDefault(SuiteParameters.PARALLELISM,
                System.getProperty(SuiteParameters.PARALLELISM, Integer.toString(DEFAULT_PARALLELISM)));
        int parallelism;
        try {
            parallelism = Integer.parseInt(given.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SuiteParameters.PARALLELISM + " must be a whole number, got '" + given + "'");
        }
        if (parallelism < 1) throw new IllegalArgumentException(SuiteParameters.PARALLELISM + " must be at least 1, got " + parallelism);
        Map<String, String> junit = new LinkedHashMap<>();
        junit.put("junit.jupiter.execution.parallel.enabled", Boolean.toString(parallelism > 1));
        junit.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
        junit.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
        junit.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
        junit.put("junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(parallelism));
        junit.put("junit.jupiter.execution.parallel.config.fixed.max-pool-size", Integer.toString(parallelism));
        return junit;
    }

    /**
     * Checks at once by default: they wait on the network, not on the CPU. One per account of the provisioned targets
     * (eight): more do not shorten a run there, since the checks holding the maildrops are what bounds it.
     */
    static final int DEFAULT_PARALLELISM = 8;
}
