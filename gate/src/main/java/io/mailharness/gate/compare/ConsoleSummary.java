package io.mailharness.gate.compare;

import java.util.ArrayList;
import java.util.List;

/** The comparison as an aligned text table for the terminal and CI logs. */
public final class ConsoleSummary {
    private ConsoleSummary() {}

    public static String render(RunComparison comparison, boolean strict) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"request", "metric", "baseline", "current", "change", "verdict", "why"});
        for (MetricComparison metric : comparison.metrics()) {
            rows.add(new String[] {metric.request(), metric.metric().key(), metric.baselineText(), metric.currentText(),
                    metric.changeText(), metric.verdictText(), metric.noiseText()});
        }
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) widths[i] = Math.max(widths[i], row[i].length());
        }
        StringBuilder text = new StringBuilder();
        text.append("Compare ").append(comparison.simulation()).append(": ").append(comparison.headline(strict)).append('\n');
        text.append("  baseline: ").append(comparison.baseline().describe()).append('\n');
        text.append("  current:  ").append(comparison.current().describe()).append('\n');
        text.append("  tolerances: ").append(comparison.tolerancesOrigin()).append('\n');
        for (String note : comparison.notes()) text.append("  note: ").append(note).append('\n');
        for (String note : comparison.unmatched()) text.append("  not compared: ").append(note).append('\n');
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(i < row.length - 1 ? pad(row[i], widths[i]) + "  " : row[i]);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        text.append("  ").append(comparison.tally()).append('\n');
        return text.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
