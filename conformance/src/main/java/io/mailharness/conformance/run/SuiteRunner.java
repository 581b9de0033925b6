package io.mailharness.conformance.run;

import io.mailharness.conformance.ConformanceSuite;
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
        Map<String, String> configuration = new LinkedHashMap<>(concurrency(parameters));
        configuration.putAll(parameters);
        configuration.put(SuiteParameters.TARGET_REF, targetRef);
        configuration.put(SuiteParameters.STRICT, Boolean.toString(strict));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(ConformanceSuite.sections().stream().map(DiscoverySelectors::selectClass).toList())
                .filters(selection)
                .configurationParameters(configuration)
                .build();
        ResultCollector collector = new ResultCollector();
        List<TestExecutionListener> all = new ArrayList<>(List.of(listeners));
        all.add(0, collector);
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, all.toArray(TestExecutionListener[]::new));
        return collector.results();
    }

    /**
     * Checks run concurrently ({@link SuiteParameters#PARALLELISM} at once, default {@link #DEFAULT_PARALLELISM};
     * 1 runs them one after the other); the maildrops they log into are leased to one check at a time
     * ({@code check.MaildropLeases}), and the load model runs alone ({@link io.mailharness.conformance.check.CheckLocks}).
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
     * Checks at once by default: they wait on the network, not on the CPU. More do not shorten a run: the checks
     * holding the disposable maildrops (three on a target with four accounts) are what bounds it.
     */
    static final int DEFAULT_PARALLELISM = 4;
}
