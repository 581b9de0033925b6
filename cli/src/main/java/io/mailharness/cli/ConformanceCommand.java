package io.mailharness.cli;

import io.mailharness.conformance.ConformanceRunner;
import io.mailharness.conformance.run.CheckSelection;
import io.mailharness.conformance.run.Preflight;
import io.mailharness.pages.ConformanceRunPage;
import io.mailharness.result.ConformanceRun;
import io.mailharness.settings.SettingsOverrides;
import io.mailharness.settings.TargetSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code mailharness conformance}: the RFC 5321 / RFC 1939 checks against one target. */
@Command(name = "conformance", sortOptions = false,
        description = {"Run the conformance suite against a target (exit 1 when a check fails).",
                "Prints a summary by RFC section and writes"
                + " conformance.html (the page to read), conformance-result.json, summary.txt and JUnit XML.",
                "Tags: read-only, mutates-mailbox, anti-abuse, needs-tls, needs-setting, must, should, may, info."},
        footer = {"", "Exit status: 0 no FAIL (with --strict: no WARN either) or --report-only, 1 a check failed,"
                + " 2 bad input or harness error (bad settings, unreachable target, TLS failure, refused login; nothing written)."})
final class ConformanceCommand implements Callable<Integer> {
    @ParentCommand
    Mailharness mailharness;

    @Spec
    CommandSpec spec;

    @Option(names = "--strict", description = "a WARN (a SHOULD broken) fails the run too")
    boolean strict;

    @Option(names = "--report-only", description = "exit 0 whatever the checks found, once the results are written")
    boolean reportOnly;

    @Option(names = "--select", paramLabel = "GLOB", description = "checks whose ID matches, e.g. 'SMTP-EHLO-*' (repeatable)")
    List<String> select = new ArrayList<>();

    @Option(names = "--rfc", paramLabel = "N", converter = RfcNumber.class, description = "checks of this RFC, e.g. 5321 (repeatable)")
    List<String> rfc = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", description = "checks with this tag (repeatable)")
    List<String> tags = new ArrayList<>();

    @Option(names = "--exclude-tag", paramLabel = "TAG", description = "no check with this tag (repeatable; wins over --tag)")
    List<String> excludedTags = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "where the results go (default: results/conformance-<timestamp>)")
    Path out;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() throws Preflight.HarnessException, IOException {
        CheckSelection selection = new CheckSelection(select, rfc, tags, excludedTags);
        java.util.SortedSet<String> known = ConformanceRunner.knownTags();
        for (String tag : java.util.stream.Stream.concat(selection.tags().stream(), selection.excludedTags().stream()).toList()) {
            if (!known.contains(tag)) throw new ParameterException(spec.commandLine(), "unknown tag '" + tag + "' (known: " + String.join(", ", known) + ")");
        }
        if (!ConformanceRunner.selectsAny(selection)) {
            throw new ParameterException(spec.commandLine(), "no check matches the selection (--select/--rfc/--tag/--exclude-tag)");
        }
        TargetSelection selected = target.apply();
        Path folder = out != null ? out : Installation.results().resolve(Installation.timestamped("conformance-"));
        ConformanceRunner.Report report = ConformanceRunner.run(
                new ConformanceRunner.Options(selected, SettingsOverrides.fromSystem(), strict, selection, folder,
                        List.of(ConformanceRunPage::write)), mailharness.out, mailharness.err);
        return exitStatus(report.run(), reportOnly);
    }

    static int exitStatus(ConformanceRun run, boolean reportOnly) {
        return reportOnly || !run.failed() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** {@code 5321}, {@code RFC5321} or {@code rfc 5321}: the number. */
    static final class RfcNumber implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String number = value.toUpperCase(Locale.ROOT).replaceFirst("^RFC ?", "");
            if (!number.matches("[0-9]+")) throw new TypeConversionException("an RFC number such as 5321, not '" + value + "'");
            return number;
        }
    }
}
