package io.mailharness.pages;

import java.util.ArrayList;
import java.util.List;

/**
 * A grouped horizontal bar chart laid out for inline SVG ({@code barChart.jte} draws it): one group per
 * category (a stage, a percentile), one bar per series (a server) in the same order in every group. Each
 * bar is labelled with its value and its series' name, so the chart reads without telling colours apart;
 * the colours are the Okabe–Ito palette. Coordinates are in pixels, rounded to a tenth.
 *
 * @param title      the chart's accessible name, also shown above it
 * @param width      the drawing's width
 * @param height     the drawing's height
 * @param gridTop    where the grid lines start
 * @param plotBottom where the bars end and the axis labels start
 * @param unit       the values' unit, shown under the category labels
 * @param ticks      the grid lines with their value labels, left to right
 * @param groups     the categories, top to bottom
 */
public record SvgBarChart(String title, int width, int height, int gridTop, int plotBottom, String unit, List<Tick> ticks, List<Group> groups) {
    private static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"};

    private static final int WIDTH = 860;
    /** The left column, where category labels end (right-aligned) and bars start. */
    public static final int LABEL_WIDTH = 170;
    private static final int VALUE_WIDTH = 230;
    private static final int BAR_HEIGHT = 13;
    private static final int BAR_GAP = 2;
    private static final int GROUP_GAP = 10;
    private static final int TOP = 26;
    private static final int AXIS_HEIGHT = 22;

    /** A vertical grid line at {@code x}, labelled with its value. */
    public record Tick(double x, String label) {}

    /** One category: its (shortened) label at {@code labelY}, and its bars. */
    public record Group(String label, int labelY, List<Bar> bars) {}

    /**
     * One bar; none is drawn when {@code width} is 0 (no value), only its label.
     *
     * @param label   the value and the series' name, shortened to fit
     * @param tooltip the category, value and series in full
     */
    public record Bar(int y, double width, String colour, String label, String tooltip, double labelX) {
        public int height() {
            return BAR_HEIGHT;
        }

        /** The baseline of the label beside the bar. */
        public int labelY() {
            return y + BAR_HEIGHT - 3;
        }
    }

    /**
     * @param title      the chart's accessible name, also shown above it
     * @param unit       the values' unit, e.g. "ms" or "req/s"
     * @param categories the groups, top to bottom
     * @param series     the bars in each group
     * @param values     {@code values[category][series]}; NaN where there is no value
     */
    public static SvgBarChart of(String title, String unit, List<String> categories, List<String> series, double[][] values) {
        double max = 0;
        for (double[] row : values) for (double v : row) if (Double.isFinite(v)) max = Math.max(max, v);
        double scaleMax = niceCeiling(max);
        int plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        int groupHeight = series.size() * (BAR_HEIGHT + BAR_GAP) - BAR_GAP;
        int height = TOP + categories.size() * (groupHeight + GROUP_GAP) + AXIS_HEIGHT;
        List<Tick> ticks = new ArrayList<>();
        for (int t = 0; t <= 4; t++) ticks.add(new Tick(tenth(LABEL_WIDTH + plotWidth * t / 4.0), Figures.number(scaleMax * t / 4.0)));
        List<Group> groups = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            int groupTop = TOP + c * (groupHeight + GROUP_GAP);
            List<Bar> bars = new ArrayList<>();
            for (int s = 0; s < series.size(); s++) {
                double v = values[c][s];
                String label = (Double.isFinite(v) ? Figures.number(v) + " " + unit : "n/a") + " · " + series.get(s);
                double w = Double.isFinite(v) && scaleMax > 0 ? tenth(Math.max(1, plotWidth * v / scaleMax)) : 0;
                bars.add(new Bar(groupTop + s * (BAR_HEIGHT + BAR_GAP), w, colour(s), shorten(label, 40),
                        categories.get(c) + " — " + label, tenth(LABEL_WIDTH + w + 4)));
            }
            groups.add(new Group(shorten(categories.get(c), 26), groupTop + groupHeight / 2 + 4, bars));
        }
        return new SvgBarChart(title, WIDTH, height, TOP - 4, height - AXIS_HEIGHT, unit, ticks, groups);
    }

    /** The colour of the {@code series}-th series, the same in every chart and legend of a page. */
    public static String colour(int series) {
        return PALETTE[series % PALETTE.length];
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

    private static double tenth(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
