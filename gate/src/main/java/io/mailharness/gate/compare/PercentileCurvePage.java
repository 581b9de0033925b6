package io.mailharness.gate.compare;

import io.mailharness.record.RunRecord;
import io.mailharness.gate.histogram.PercentileCurve;
import io.mailharness.gate.histogram.PercentileCurve.Point;
import org.HdrHistogram.Histogram;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A self-contained HTML page (inline CSS and SVG, nothing fetched) with the two runs' latency
 * percentile curves overlaid per request name, above the verdict table. Opens from a CI artifact or a
 * file system with no network.
 */
public final class PercentileCurvePage {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;
    private static final String BASELINE_COLOUR = "#6b7280";
    private static final String CURRENT_COLOUR = "#2563eb";
    /** Labelled percentiles on the x axis, as "nines" (log10 of 1 / (1 - p)). */
    private static final List<Tick> X_TICKS = List.of(new Tick("p0", 0), new Tick("p50", Math.log10(2)), new Tick("p90", 1),
            new Tick("p99", 2), new Tick("p99.9", 3), new Tick("p99.99", 4), new Tick("p99.999", 5), new Tick("p99.9999", 6));

    private record Tick(String label, double nines) {}

    private PercentileCurvePage() {}

    public static String render(RunComparison comparison, Map<String, Histogram> baseline, Map<String, Histogram> current, boolean strict) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(Markup.xml("Mailharness compare: " + comparison.simulation())).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#111827;max-width:1100px}\n")
                .append("table{border-collapse:collapse;font-size:.85rem;margin:1rem 0}\n")
                .append("th,td{border:1px solid #d1d5db;padding:.25rem .5rem;text-align:left}td.n{text-align:right}\n")
                .append(".regressed{background:#fee2e2;font-weight:bold}.improved{background:#dcfce7}.inconclusive{background:#fef9c3}\n")
                .append("svg{display:block;margin-bottom:1.5rem}.axis{stroke:#9ca3af}.grid{stroke:#e5e7eb}\n")
                .append("svg text{font-size:11px;fill:#374151}\n")
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(Markup.xml(comparison.simulation())).append(": ")
                .append(Markup.xml(comparison.headline(strict))).append("</h1>\n<ul>\n")
                .append("<li><b>Baseline</b> (<span style=\"color:").append(BASELINE_COLOUR).append("\">dashed grey</span>): ")
                .append(Markup.xml(comparison.baseline().describe())).append("</li>\n")
                .append("<li><b>Current</b> (<span style=\"color:").append(CURRENT_COLOUR).append("\">solid blue</span>): ")
                .append(Markup.xml(comparison.current().describe())).append("</li>\n")
                .append("<li><b>Tolerances</b>: ").append(Markup.xml(comparison.tolerancesOrigin())).append("</li>\n")
                .append("<li><b>Result</b>: ").append(Markup.xml(comparison.tally())).append("</li>\n");
        for (String note : comparison.notes()) html.append("<li>").append(Markup.xml(note)).append("</li>\n");
        for (String note : comparison.unmatched()) html.append("<li>Not compared: ").append(Markup.xml(note)).append("</li>\n");
        html.append("</ul>\n");
        appendTable(html, comparison);
        html.append("<h2>Latency percentile curves</h2>\n")
                .append("<p>Latency (all requests, OK and KO) against percentile; the x axis stretches the tail. ")
                .append("A curve stops at the deepest percentile its sample count supports.</p>\n");
        TreeSet<String> names = new TreeSet<>(baseline.keySet());
        names.addAll(current.keySet());
        // Same order as the table: the end-to-end delivery latency last.
        List<String> ordered = names.stream()
                .sorted(Comparator.comparing((String name) -> name.equals(RunRecord.DELIVERY_LATENCY)).thenComparing(Comparator.naturalOrder()))
                .toList();
        for (String name : ordered) {
            String missing = !baseline.containsKey(name) ? " (no baseline curve)" : !current.containsKey(name) ? " (no current curve)" : "";
            html.append("<h3>").append(Markup.xml(name + missing)).append("</h3>\n");
            html.append(chart(name, curve(baseline.get(name)), curve(current.get(name))));
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static List<Point> curve(Histogram histogram) {
        return histogram == null ? List.of() : PercentileCurve.of(histogram);
    }

    private static void appendTable(StringBuilder html, RunComparison comparison) {
        html.append("<table>\n<tr><th>Request</th><th>Metric</th><th>Baseline</th><th>Current</th><th>Change</th>")
                .append("<th>Tolerance</th><th>Verdict</th><th>Why</th></tr>\n");
        for (MetricComparison metric : comparison.metrics()) {
            html.append("<tr class=\"").append(metric.verdict().label()).append("\"><td>").append(Markup.xml(metric.request()))
                    .append("</td><td>").append(metric.metric().key())
                    .append("</td><td class=\"n\">").append(Markup.xml(metric.baselineText()))
                    .append("</td><td class=\"n\">").append(Markup.xml(metric.currentText()))
                    .append("</td><td class=\"n\">").append(Markup.xml(metric.changeText()))
                    .append("</td><td>").append(Markup.xml(metric.tolerance().describe(metric.metric())))
                    .append("</td><td>").append(Markup.xml(metric.verdictText()))
                    .append("</td><td>").append(Markup.xml(metric.noiseText())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    static String chart(String name, List<Point> baseline, List<Point> current) {
        if (baseline.isEmpty() && current.isEmpty()) return "<p>No samples in either run.</p>\n";
        double maxNines = Math.max(1, Math.max(lastNines(baseline), lastNines(current)));
        double maxMillis = niceCeiling(Math.max(maxMillis(baseline), maxMillis(current)));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Markup.xml("latency percentiles of " + name)).append("\">\n");
        for (int i = 0; i <= 4; i++) {
            double millis = maxMillis * i / 4;
            double y = TOP + plotHeight - plotHeight * i / 4.0;
            svg.append(line(LEFT, y, LEFT + plotWidth, y, "grid"))
                    .append(text(LEFT - 6, y + 4, "end", Numbers.format(millis) + " ms"));
        }
        for (Tick tick : X_TICKS) {
            if (tick.nines() > maxNines + 1e-9) continue;
            double x = LEFT + plotWidth * tick.nines() / maxNines;
            svg.append(line(x, TOP, x, TOP + plotHeight, "grid"))
                    .append(text(x, TOP + plotHeight + 16, "middle", tick.label()));
        }
        svg.append(line(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight, "axis"))
                .append(line(LEFT, TOP, LEFT, TOP + plotHeight, "axis"))
                .append(text(LEFT + plotWidth / 2.0, HEIGHT - 4, "middle", "percentile"));
        // Baseline drawn last, dashed, so it stays visible where the runs agree.
        svg.append(polyline(current, maxNines, maxMillis, CURRENT_COLOUR, "", "current"));
        svg.append(polyline(baseline, maxNines, maxMillis, BASELINE_COLOUR, "stroke-dasharray=\"6 4\" ", "baseline"));
        svg.append(legend(LEFT + 12, TOP + 14, BASELINE_COLOUR, "stroke-dasharray=\"6 4\" ", "baseline"))
                .append(legend(LEFT + 12, TOP + 30, CURRENT_COLOUR, "", "current"));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String polyline(List<Point> points, double maxNines, double maxMillis, String colour, String dash, String label) {
        if (points.isEmpty()) return "";
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder coordinates = new StringBuilder();
        for (Point point : points) {
            double x = LEFT + plotWidth * point.nines() / maxNines;
            double y = TOP + plotHeight - plotHeight * point.millis() / maxMillis;
            coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        Point last = points.getLast();
        return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" " + dash + "points=\""
                + coordinates.toString().strip() + "\"><title>" + label + ": " + String.format(Locale.ROOT, "p%.4f", last.percentile()).replaceAll("0+$", "").replaceAll("\\.$", "")
                + " = " + Numbers.format(last.millis()) + " ms</title></polyline>\n";
    }

    private static String legend(double x, double y, String colour, String dash, String label) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" %s/>%n",
                x, y - 4, x + 24, y - 4, colour, dash) + text(x + 30, y, "start", label);
    }

    private static double lastNines(List<Point> points) {
        return points.isEmpty() ? 0 : points.getLast().nines();
    }

    private static double maxMillis(List<Point> points) {
        return points.stream().mapToDouble(Point::millis).max().orElse(0);
    }

    /** 1, 2 or 5 times a power of ten at or above the value, so the y grid lands on round numbers. */
    static double niceCeiling(double value) {
        if (value <= 0) return 1;
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) return step * power;
        }
        return 10 * power;
    }

    private static String line(double x1, double y1, double x2, double y2, String cssClass) {
        return String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n", cssClass, x1, y1, x2, y2);
    }

    private static String text(double x, double y, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n", x, y, anchor, Markup.xml(content));
    }
}
