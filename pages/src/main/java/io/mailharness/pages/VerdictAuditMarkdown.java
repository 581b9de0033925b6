package io.mailharness.pages;

import io.mailharness.result.CheckResult;
import io.mailharness.result.ConformanceRun;
import io.mailharness.result.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code conformance/VERDICTS.md}: the hand-written preamble, the SUSPECT verdicts, then per target its
 * server, run and counts and a table of every reviewed row with the reviewer's audit mark and why and the
 * transcript lines behind the verdict ({@link TranscriptQuote}). A row without a matching note says
 * "not reviewed".
 */
public final class VerdictAuditMarkdown {
    static final String NOT_REVIEWED = "not reviewed";

    private VerdictAuditMarkdown() {}

    public static String of(String preamble, VerdictAudit audit) {
        StringBuilder md = new StringBuilder();
        if (!preamble.isBlank()) md.append(preamble.strip()).append("\n\n");
        md.append("<!-- Below this line the file is written by ./mailharness verdict-audit: edit conformance/verdict-notes.tsv"
                + " and the preamble, not this text. -->\n\n");
        suspects(md, audit);
        for (VerdictAudit.Target target : audit.targets()) target(md, audit, target);
        return md.toString();
    }

    private static void suspects(StringBuilder md, VerdictAudit audit) {
        md.append("## SUSPECT verdicts (bugs in the checks)\n\n");
        List<String> rows = new ArrayList<>();
        for (VerdictAudit.Target target : audit.targets()) {
            for (VerdictAudit.Row row : audit.rows(target)) {
                row.note().filter(n -> n.audit().startsWith("SUSPECT")).ifPresent(n -> rows.add("| " + cell(row.check().id()) + " | "
                        + cell(target.name()) + " | " + row.check().outcome() + " | " + cell(n.why()) + " |\n"));
            }
        }
        if (rows.isEmpty()) {
            md.append("None in this run.\n\n");
            return;
        }
        md.append("| ID | target | verdict | why |\n|---|---|---|---|\n");
        rows.forEach(md::append);
        md.append('\n');
    }

    private static void target(StringBuilder md, VerdictAudit audit, VerdictAudit.Target target) {
        ConformanceRun run = target.run();
        List<VerdictAudit.Row> rows = audit.rows(target);
        long unreviewed = rows.stream().filter(r -> r.note().isEmpty()).count();
        md.append("## ").append(target.name());
        if (!run.description().isBlank() && !run.description().equals(target.name())) md.append(" — ").append(run.description());
        md.append("\n\n");
        md.append("- Version: ").append(target.version().isBlank() ? "not recorded" : target.version()).append('\n');
        md.append("- Greeting: ").append(greeting(run)).append('\n');
        long millis = run.checks().stream().mapToLong(CheckResult::durationMillis).sum();
        md.append("- Run: started ").append(run.startedAt().isBlank() ? "(not recorded)" : run.startedAt())
                .append(String.format(Locale.ROOT, ", the checks took %.1f s", millis / 1000.0)).append('\n');
        md.append("- Counts: ").append(counts(run.counts())).append(" (").append(rows.size())
                .append(" rows below: every FAIL and WARN, and every anti-abuse PASS")
                .append(unreviewed == 0 ? "" : "; " + unreviewed + " " + NOT_REVIEWED).append(")\n\n");
        if (rows.isEmpty()) return;
        md.append("| ID | Lvl | Verdict | Audit | Why | Quoted lines |\n|---|---|---|---|---|---|\n");
        for (VerdictAudit.Row row : rows) {
            CheckResult check = row.check();
            String audited = row.note().map(n -> n.audit().replace("SUSPECT", "**SUSPECT**")).orElse("**" + NOT_REVIEWED + "**");
            String why = row.note().map(VerdictNotes.Note::why).orElse("");
            String quote = TranscriptQuote.of(check).stream().map(VerdictAuditMarkdown::code).collect(Collectors.joining("<br>"));
            md.append("| ").append(check.id()).append(" | ").append(check.level()).append(" | ").append(check.outcome()).append(" | ")
                    .append(audited).append(" | ").append(cell(why)).append(" | ").append(quote).append(" |\n");
        }
        md.append('\n');
    }

    private static String greeting(ConformanceRun run) {
        List<String> parts = new ArrayList<>();
        if (!run.smtpGreeting().isBlank()) parts.add("SMTP " + code(run.smtpGreeting()));
        if (!run.pop3Greeting().isBlank()) parts.add("POP3 " + code(run.pop3Greeting()));
        return parts.isEmpty() ? "not recorded" : String.join(", ", parts);
    }

    private static String counts(Map<Outcome, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    /** Text in a table cell: on one line, octets visible, the column separator escaped. */
    static String cell(String text) {
        return Preformatted.inline(text).replace("|", "\\|");
    }

    /** A code span in a table cell; a backtick in the text gets a longer fence. */
    static String code(String text) {
        String inner = cell(text);
        String fence = inner.contains("``") ? "```" : inner.contains("`") ? "``" : "`";
        String pad = fence.length() > 1 || inner.startsWith("`") || inner.endsWith("`") ? " " : "";
        return fence + pad + inner + pad + fence;
    }
}
