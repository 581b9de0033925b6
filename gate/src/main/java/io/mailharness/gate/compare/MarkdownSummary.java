package io.mailharness.gate.compare;

/** The comparison as Markdown, for CI job summaries and merge-request comments. */
public final class MarkdownSummary {
    private MarkdownSummary() {}

    public static String render(RunComparison comparison, boolean strict) {
        StringBuilder md = new StringBuilder();
        md.append("## Mailharness compare: ").append(Markup.cell(comparison.simulation()))
                .append(" — ").append(comparison.headline(strict)).append("\n\n");
        md.append("- **Baseline:** ").append(Markup.cell(comparison.baseline().describe())).append('\n');
        md.append("- **Current:** ").append(Markup.cell(comparison.current().describe())).append('\n');
        md.append("- **Tolerances:** ").append(Markup.cell(comparison.tolerancesOrigin())).append('\n');
        md.append("- **Result:** ").append(comparison.tally()).append('\n');
        for (String note : comparison.notes()) md.append("- **Note:** ").append(Markup.cell(note)).append('\n');
        for (String note : comparison.unmatched()) md.append("- **Not compared:** ").append(Markup.cell(note)).append('\n');
        md.append('\n');
        md.append("| Request | Metric | Baseline | Current | Change | Tolerance | Verdict | Why |\n");
        md.append("|---|---|---:|---:|---:|---|---|---|\n");
        for (MetricComparison metric : comparison.metrics()) {
            md.append("| ").append(Markup.cell(metric.request()))
                    .append(" | ").append(metric.metric().key())
                    .append(" | ").append(metric.baselineText())
                    .append(" | ").append(metric.currentText())
                    .append(" | ").append(metric.changeText())
                    .append(" | ").append(metric.tolerance().describe(metric.metric()))
                    .append(" | ").append(emphasis(metric))
                    .append(" | ").append(Markup.cell(metric.noiseText()))
                    .append(" |\n");
        }
        if (comparison.count(Verdict.INCONCLUSIVE) > 0 || !comparison.unmatched().isEmpty()) {
            md.append("\n_Inconclusive_: an injector was near CPU saturation, the run had too few samples for the metric, ")
                    .append("or a request name is in one run only; it does not fail the gate unless `--strict`.\n");
        }
        return md.toString();
    }

    private static String emphasis(MetricComparison metric) {
        return switch (metric.verdict()) {
            case REGRESSED -> "**" + metric.verdictText() + "**";
            case INCONCLUSIVE -> "_" + metric.verdictText() + "_";
            default -> metric.verdictText();
        };
    }
}
