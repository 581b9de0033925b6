package io.mailharness.result;

import io.mailharness.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The human-readable summary, shaped like h2spec's: checks grouped by RFC section, one line per check,
 * "expected / actual" under each check that did not pass, and the counts per outcome at the end.
 * Transcripts stay in the JSON (the console would drown in them).
 */
public final class SummaryText {
    public static final String FILE_NAME = "summary.txt";

    private SummaryText() {}

    public static String render(ConformanceRun run) {
        StringBuilder out = new StringBuilder();
        out.append("Conformance of ").append(run.target());
        if (!run.description().isBlank() && !run.description().equals(run.target())) out.append(" (").append(run.description()).append(')');
        out.append(run.strict() ? " — strict mode" : "").append('\n');
        // A greeting is the server's text: its control octets are shown escaped, never sent to a terminal raw.
        if (!run.smtpGreeting().isBlank()) out.append("  SMTP greeting: ").append(io.mailharness.client.Transcript.visible(run.smtpGreeting())).append('\n');
        if (!run.pop3Greeting().isBlank()) out.append("  POP3 greeting: ").append(io.mailharness.client.Transcript.visible(run.pop3Greeting())).append('\n');
        out.append('\n');
        for (Map.Entry<String, List<CheckResult>> section : bySection(run.checks()).entrySet()) {
            out.append(section.getKey()).append('\n');
            for (CheckResult c : section.getValue()) {
                out.append(String.format("  [%-4s] %-24s %-6s §%-8s %s%n", c.outcome(), c.id(), c.level(), c.section(), c.requirement()));
                if (c.outcome() != Outcome.PASS) appendDetail(out, c);
            }
            out.append('\n');
        }
        Map<Outcome, Integer> counts = run.counts();
        out.append(run.checks().size()).append(" checks: ");
        List<String> parts = new ArrayList<>();
        for (Outcome o : Outcome.values()) parts.add(counts.get(o) + " " + o.name().toLowerCase(java.util.Locale.ROOT));
        out.append(String.join(", ", parts)).append('\n');
        if (run.unfinished() > 0) {
            out.append("Incomplete: ").append(run.unfinished()).append(" of ").append(run.checks().size())
                    .append(" checks did not finish (counted as skip): the run was stopped\n");
        }
        out.append(run.failed() ? "Result: FAILED" : "Result: passed").append(run.unfinished() > 0 ? ", incomplete" : "").append('\n');
        return out.toString();
    }

    private static void appendDetail(StringBuilder out, CheckResult c) {
        if (!c.expected().isBlank()) indent(out, "expected: ", c.expected());
        if (!c.actual().isBlank()) indent(out, "actual:   ", c.actual());
    }

    private static void indent(StringBuilder out, String label, String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.append("           ").append(i == 0 ? label : "          ").append(lines[i]).append('\n');
        }
    }

    private static Map<String, List<CheckResult>> bySection(List<CheckResult> checks) {
        Map<String, List<CheckResult>> sections = new LinkedHashMap<>();
        for (CheckResult c : checks) sections.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(c);
        return sections;
    }

    public static Path write(ConformanceRun run, Path directory) throws IOException {
        return AtomicFiles.write(directory.resolve(FILE_NAME), render(run).getBytes(StandardCharsets.UTF_8));
    }
}
