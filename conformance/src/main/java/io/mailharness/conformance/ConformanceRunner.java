package io.mailharness.conformance;

import io.mailharness.conformance.check.TargetRegistry;
import io.mailharness.conformance.run.CheckSelection;
import io.mailharness.conformance.run.Preflight;
import io.mailharness.conformance.run.ResultCollector;
import io.mailharness.conformance.run.StoppedBySignal;
import io.mailharness.conformance.run.SuiteRunner;
import io.mailharness.result.CheckResult;
import io.mailharness.result.ConformanceRun;
import io.mailharness.result.ConformanceResultFile;
import io.mailharness.result.SummaryText;
import io.mailharness.settings.MailTarget;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.TargetSelection;
import io.mailharness.settings.TargetSettings;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the conformance suite against one target (the embedded GreenMail server when the selection names no
 * settings file): checks the target can be reached and logged into, runs the selected checks, writes JUnit
 * XML, {@code conformance-result.json} and {@code summary.txt}, prints the summary and the paths written.
 * A target that cannot be reached or logged into is a {@link Preflight.HarnessException}, bad settings a
 * {@link io.mailharness.settings.SettingsException}: both before anything is written. A run stopped by a signal
 * writes the same files with the checks finished so far ({@link StoppedBySignal}).
 */
public final class ConformanceRunner {
    /**
     * @param target    which target
     * @param overrides settings that override the target file's
     * @param strict    a WARN counts as a failure
     * @param selection which checks run
     * @param out       the folder the results are written to
     * @param pages     further reports of the run a caller adds (the page a person reads), written first
     */
    public record Options(TargetSelection target, Map<String, String> overrides, boolean strict, CheckSelection selection, Path out,
                          List<RunReport> pages) {
        public Options(TargetSelection target, Map<String, String> overrides, boolean strict, CheckSelection selection, Path out) {
            this(target, overrides, strict, selection, out, List.of());
        }
    }

    /** A report written from a finished run into the results folder; returns the file written. */
    @FunctionalInterface
    public interface RunReport {
        Path write(ConformanceRun run, Path folder) throws IOException;
    }

    /** The run and the files written. */
    public record Report(ConformanceRun run, Path json, Path summary, List<Path> junitXml, List<Path> pages) {}

    private ConformanceRunner() {}

    /** True when the selection picks at least one check of the suite. */
    /** The tags the suite's checks carry. */
    public static java.util.SortedSet<String> knownTags() {
        return CheckSelection.tagsIn(ConformanceSuite.checks());
    }

    public static boolean selectsAny(CheckSelection selection) {
        return ConformanceSuite.checks().stream().anyMatch(selection::selects);
    }

    public static Report run(Options options, PrintStream out, PrintStream err) throws Preflight.HarnessException, IOException {
        try (MailTarget target = MailTarget.open(options.target(), options.overrides())) {
            return runAgainst(target.settings(), options, out, err);
        }
    }

    private static Report runAgainst(TargetSettings settings, Options options, PrintStream out, PrintStream err)
            throws Preflight.HarnessException, IOException {
        Preflight.Greetings greetings = Preflight.check(settings);
        if (settings.smtp().map(smtp -> smtp.security() == SmtpSecurity.STARTTLS).orElse(false)) {
            // The rows run inside TLS there, as a client of that listener must; what an MX does in clear is another listener's.
            err.println("mailharness conformance: note: this target's SMTP listener is set to security = starttls: the SMTP"
                    + " rows run inside TLS (after AUTH when smtp.auth is set), the STARTTLS and AUTH rows in clear; rules"
                    + " about what an MX does in clear are best judged on the server's plain listener");
        }
        Instant started = Instant.now();
        Path junitDir = options.out().resolve("junit");
        Files.createDirectories(junitDir);
        String key = TargetRegistry.register(settings);
        ResultCollector collector = new ResultCollector();
        StringWriter xmlProblems = new StringWriter();
        List<CheckResult> results;
        try (StoppedBySignal stop = StoppedBySignal.install(() -> {
            ConformanceRun soFar = new ConformanceRun(settings.name(), settings.description(), greetings.smtp(), greetings.pop3(),
                    started.toString(), options.strict(), collector.resultsSoFar(options.selection(), StoppedBySignal.REASON));
            try {
                write(soFar, options, junitDir, xmlProblems, out, err);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }, err)) {
            try {
                results = SuiteRunner.run(key, options.strict(), options.selection(), Map.of(), collector,
                        new LegacyXmlReportGeneratingListener(junitDir, new PrintWriter(xmlProblems)));
            } finally {
                TargetRegistry.unregister(key);
            }
            ConformanceRun run = new ConformanceRun(settings.name(), settings.description(), greetings.smtp(), greetings.pop3(),
                    started.toString(), options.strict(), results);
            if (!stop.endedByItself()) throw new Preflight.HarnessException("the run was stopped by a signal; its results were written as they stood");
            return write(run, options, junitDir, xmlProblems, out, err);
        }
    }

    /** Writes the run's reports (the pages first) and prints its summary and the paths written. */
    private static Report write(ConformanceRun run, Options options, Path junitDir, StringWriter xmlProblems, PrintStream out, PrintStream err)
            throws IOException {
        List<Path> pages = new ArrayList<>();
        for (RunReport page : options.pages()) pages.add(page.write(run, options.out()));
        Path json = ConformanceResultFile.write(run, options.out());
        Path summary = SummaryText.write(run, options.out());
        List<Path> xml;
        try (Stream<Path> files = Files.list(junitDir)) {
            xml = files.sorted().toList();
        }
        out.print(SummaryText.render(run));
        out.println();
        out.println("Wrote:");
        Stream.of(pages.stream(), Stream.of(json, summary), xml.stream()).flatMap(s -> s).forEach(p -> out.println("  " + p.toAbsolutePath()));
        if (!xmlProblems.toString().isBlank()) err.println("mailharness conformance: JUnit XML: " + xmlProblems.toString().strip());
        return new Report(run, json, summary, xml, pages);
    }
}
