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
        Map<String, String> configuration = new LinkedHashMap<>(parameters);
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
}
