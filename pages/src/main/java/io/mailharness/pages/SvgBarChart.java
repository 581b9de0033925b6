package io.mailharness.pages;

import java.util.List;
import java.util.Locale;

import static io.mailharness.pages.HtmlEscaper.text;

/**
 * A grouped horizontal bar chart as inline SVG: one group per category (a stage, a percentile), one bar per
 * series (a server) in the same order in every group. Each bar is labelled with its value and its
 * series' name, so the chart reads without telling colours apart; the colours are the Okabe–Ito palette.
 */
public final class SvgBarChart {
    static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"};

    private static final int WIDTH = 860;
    private static final int LABEL_WIDTH = 170;
    private static final int VALUE_WIDTH = 230;
    private static final int BAR_HEIGHT = 13;
    private static final int BAR_GAP = 2;
    private static final int GROUP_GAP = 10;
    private static final int TOP = 26;
    private static final int AXIS_HEIGHT = 22;

    private SvgBarChart() {}

    /**
     * @param title      the chart's accessible name, also shown above it
     * @param unit       the values' unit, e.g. "ms" or "req/s"
     * @param categories the groups, top to bottom
     * @param series     the bars in each group
     * @param values     {@code values[category][series]}; NaN where there is no value
     */
    public static String render(String title, String unit, List<String> categories, List<String> series, double[][] values) {
        double max = 0;
        for (double[] row : values) for (double v : row) if (Double.isFinite(v)) max = Math.max(max, v);
        double scaleMax = niceCeiling(max);
        int plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        int groupHeight = series.size() * (BAR_HEIGHT + BAR_GAP) - BAR_GAP;
        int height = TOP + categories.size() * (groupHeight + GROUP_GAP) + AXIS_HEIGHT;
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" aria-label=\"").append(text(title)).append("\">\n<title>").append(text(title)).append("</title>\n");
        svg.append("<text x=\"0\" y=\"14\" class=\"chart-title\">").append(text(title)).append("</text>\n");
        int plotBottom = height - AXIS_HEIGHT;
        for (int t = 0; t <= 4; t++) {
            double x = LABEL_WIDTH + plotWidth * t / 4.0;
            svg.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(TOP - 4).append("\" x2=\"").append(fmt(x)).append("\" y2=\"")
                    .append(plotBottom).append("\" class=\"grid\"/>")
                    .append("<text x=\"").append(fmt(x)).append("\" y=\"").append(plotBottom + 14).append("\" class=\"tick\" text-anchor=\"middle\">")
                    .append(text(number(scaleMax * t / 4.0))).append("</text>\n");
        }
        svg.append("<text x=\"").append(LABEL_WIDTH - 6).append("\" y=\"").append(plotBottom + 14)
                .append("\" class=\"tick unit\" text-anchor=\"end\">").append(text(unit)).append("</text>\n");
        for (int c = 0; c < categories.size(); c++) {
            int groupTop = TOP + c * (groupHeight + GROUP_GAP);
            svg.append("<text x=\"").append(LABEL_WIDTH - 6).append("\" y=\"").append(groupTop + groupHeight / 2 + 4)
                    .append("\" class=\"category\" text-anchor=\"end\">").append(text(shorten(categories.get(c), 26))).append("</text>\n");
            for (int s = 0; s < series.size(); s++) {
                double v = values[c][s];
                int y = groupTop + s * (BAR_HEIGHT + BAR_GAP);
                String label = (Double.isFinite(v) ? number(v) + " " + unit : "n/a") + " · " + series.get(s);
                double w = Double.isFinite(v) && scaleMax > 0 ? Math.max(1, plotWidth * v / scaleMax) : 0;
                svg.append("<g class=\"bar\"><title>").append(text(categories.get(c) + " — " + label)).append("</title>");
                if (w > 0) {
                    svg.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"").append(fmt(w))
                            .append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"").append(PALETTE[s % PALETTE.length]).append("\"/>");
                }
                svg.append("<text x=\"").append(fmt(LABEL_WIDTH + w + 4)).append("\" y=\"").append(y + BAR_HEIGHT - 3)
                        .append("\" class=\"value\">").append(text(shorten(label, 40))).append("</text></g>\n");
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The legend as HTML: a swatch and the name of each series. */
    public static String legend(List<String> series) {
        StringBuilder out = new StringBuilder("<p class=\"chart-legend\">");
        for (int s = 0; s < series.size(); s++) {
            out.append("<span class=\"swatch\" style=\"background:").append(PALETTE[s % PALETTE.length]).append("\"></span>")
                    .append(text(series.get(s))).append(' ');
        }
        return out.append("</p>\n").toString();
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code max}. */
    static double niceCeiling(double max) {
        if (!(max > 0)) return 1;
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= max) return step * power;
        }
        return 10 * power;
    }

    static String number(double v) {
        if (!Double.isFinite(v)) return "n/a";
        double a = Math.abs(v);
        String pattern = a >= 100 || v == Math.rint(v) ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
