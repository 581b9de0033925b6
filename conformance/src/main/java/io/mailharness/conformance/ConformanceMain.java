package io.mailharness.conformance;

import io.mailharness.conformance.check.TargetRegistry;
import io.mailharness.conformance.run.Preflight;
import io.mailharness.conformance.run.SuiteRunner;
import io.mailharness.result.CheckResult;
import io.mailharness.result.ConformanceRun;
import io.mailharness.result.ResultJsonWriter;
import io.mailharness.result.SummaryText;
import io.mailharness.settings.MailTarget;
import io.mailharness.settings.SettingsException;
import io.mailharness.settings.SettingsOverrides;
import io.mailharness.settings.TargetSelection;
import io.mailharness.settings.TargetSettings;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the conformance suite from the command line: picks the target (the embedded GreenMail server when
 * none is given), checks it can be reached, runs the selected checks, writes JUnit XML,
 * {@code conformance-result.json} and {@code summary.txt}, prints the summary and the paths.
 * Exit codes: 0 no FAIL (strict: no WARN either) or report-only, 1 a check failed, 2 harness or input error.
 */
public final class ConformanceMain {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_HARNESS = 2;

    private ConformanceMain() {}

    public static void main(String[] args) {
        // A server thread dying on a probe (the embedded GreenMail does on some) is one line, not a stack trace.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.err.println(oneLine(
                "conformance: note: thread " + thread.getName() + " died: " + e + (e.getCause() == null ? "" : " (" + e.getCause() + ")"))));
        System.exit(run(System.out, System.err, args));
    }

    /** Everything {@link #main} does except exiting; returns the exit code. */
    static int run(PrintStream out, PrintStream err, String... args) {
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (CliOptions.UsageException e) {
            err.println("conformance: " + e.getMessage());
            return EXIT_HARNESS;
        }
        if (options.help()) {
            out.println(CliOptions.USAGE);
            return EXIT_OK;
        }
        if (ConformanceSuite.checks().stream().noneMatch(options.selection()::selects)) {
            err.println("conformance: no check matches the selection (--select/--rfc/--tag/--exclude-tag)");
            return EXIT_HARNESS;
        }
        try (MailTarget target = openTarget(options)) {
            return runAgainst(target, options, out, err);
        } catch (SettingsException e) {
            err.println(oneLine("conformance: bad settings: " + e.getMessage()));
            return EXIT_HARNESS;
        } catch (Preflight.HarnessException e) {
            err.println(oneLine("conformance: " + e.getMessage()));
            return EXIT_HARNESS;
        } catch (IOException e) {
            err.println("conformance: cannot write results: " + e.getMessage());
            return EXIT_HARNESS;
        } catch (RuntimeException e) {
            err.println(oneLine("conformance: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            return EXIT_HARNESS;
        }
    }

    static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    private static MailTarget openTarget(CliOptions options) {
        TargetSelection fromSystem = TargetSelection.fromSystem();
        Optional<Path> file = options.targetFile().or(fromSystem::file);
        Optional<String> name = options.targetName().or(fromSystem::name);
        if (file.isEmpty() && name.isPresent() && !TargetSelection.EMBEDDED_NAME.equals(name.get())) {
            throw new SettingsException("--target", "target '" + name.get() + "' named but no settings file given (--target-file)");
        }
        Map<String, String> overrides = SettingsOverrides.fromSystem();
        return MailTarget.open(new TargetSelection(file, name), overrides);
    }

    private static int runAgainst(MailTarget target, CliOptions options, PrintStream out, PrintStream err) throws Preflight.HarnessException, IOException {
        TargetSettings settings = target.settings();
        Preflight.Greetings greetings = Preflight.check(settings);
        if (settings.smtp().map(smtp -> smtp.security() == io.mailharness.settings.SmtpSecurity.STARTTLS).orElse(false)) {
            // The SMTP rows probe a session in clear, as an MX sees it; a listener that demands STARTTLS first
            // answers them 530, which says nothing about the rule each row checks.
            err.println("mailharness conformance: note: this target's SMTP listener is set to security = starttls; the SMTP"
                    + " rows speak in clear as to an MX, so a listener that requires STARTTLS answers many of them 530:"
                    + " judge SMTP rules on its plain MX listener and use this one for the SMTP-TLS-* and SMTP-AUTH-* rows");
        }
        Instant started = Instant.now();
        Path directory = options.out().orElseGet(() -> Path.of("results",
                "conformance-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now())));
        Path junitDir = directory.resolve("junit");
        Files.createDirectories(junitDir);
        String key = TargetRegistry.register(settings);
        List<CheckResult> results;
        StringWriter xmlProblems = new StringWriter();
        try {
            results = SuiteRunner.run(key, options.strict(), options.selection(), Map.of(),
                    new LegacyXmlReportGeneratingListener(junitDir, new PrintWriter(xmlProblems)));
        } finally {
            TargetRegistry.unregister(key);
        }
        ConformanceRun run = new ConformanceRun(settings.name(), settings.description(), greetings.smtp(), greetings.pop3(),
                started.toString(), options.strict(), results);
        Path json = ResultJsonWriter.write(run, directory);
        Path summary = SummaryText.write(run, directory);
        out.print(SummaryText.render(run));
        out.println();
        out.println("Wrote:");
        out.println("  " + json.toAbsolutePath());
        out.println("  " + summary.toAbsolutePath());
        try (var xml = Files.list(junitDir)) {
            xml.sorted().forEach(p -> out.println("  " + p.toAbsolutePath()));
        }
        if (!xmlProblems.toString().isBlank()) err.println("conformance: JUnit XML: " + xmlProblems.toString().strip());
        if (options.reportOnly()) return EXIT_OK;
        return run.failed() ? EXIT_FAILED : EXIT_OK;
    }
}
