package io.mailharness.pages;

import io.mailharness.record.RequestStats;

import java.util.List;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;

/**
 * The load comparison as one self-contained HTML page ({@code load-comparison.html}), from the
 * {@code loadComparison.jte} template: the runs and their injectors (an overloaded injector flagged),
 * throughput and latency percentiles per stage as inline SVG charts and tables, delivery latency, the
 * delivery ledger (lost and corrupted highlighted) and errors by reply class, servers side by side. Its
 * style sheet and script are inlined.
 */
public final class LoadComparisonPage {
    public static final String FILE_NAME = "load-comparison.html";
    /** The latency percentiles the picker switches between; the middle one is shown first. */
    public static final List<String> PERCENTILES = List.of("p50", "p95", "p99");
    public static final String FIRST_PERCENTILE = "p95";
    /** The categories of the delivery latency chart. */
    private static final List<String> DELIVERY_PERCENTILES = List.of("p50", "p75", "p95", "p99", "max");

    private LoadComparisonPage() {}

    public static String render(LoadComparisonModel model) {
        return PageTemplates.render("loadComparison.jte", model);
    }

    public static SvgBarChart throughputChart(LoadComparisonModel model) {
        return chart("Throughput per stage", "req/s", model.stages(), model.availableColumns(), model::throughput);
    }

    public static SvgBarChart latencyChart(LoadComparisonModel model, String percentile) {
        ToDoubleFunction<RequestStats> value = percentile(percentile);
        return chart("Latency " + percentile + " per stage", "ms", model.stages(), model.availableColumns(),
                (column, stage) -> model.stats(column, stage).map(value::applyAsDouble).orElse(Double.NaN));
    }

    public static SvgBarChart deliveryChart(LoadComparisonModel model) {
        return chart("Delivery latency", "ms", DELIVERY_PERCENTILES, model.availableColumns(),
                (column, p) -> model.deliveryLatency(column).map(percentile(p)::applyAsDouble).orElse(Double.NaN));
    }

    private static SvgBarChart chart(String title, String unit, List<String> categories, List<LoadColumn> columns,
                                     ToDoubleBiFunction<LoadColumn, String> value) {
        double[][] values = new double[categories.size()][columns.size()];
        for (int c = 0; c < categories.size(); c++) {
            for (int s = 0; s < columns.size(); s++) values[c][s] = value.applyAsDouble(columns.get(s), categories.get(c));
        }
        return SvgBarChart.of(title, unit, categories, columns.stream().map(LoadColumn::name).toList(), values);
    }

    private static ToDoubleFunction<RequestStats> percentile(String name) {
        return switch (name) {
            case "p50" -> RequestStats::p50;
            case "p75" -> RequestStats::p75;
            case "p95" -> RequestStats::p95;
            case "p99" -> RequestStats::p99;
            case "max" -> RequestStats::max;
            default -> throw new IllegalArgumentException("no percentile " + name);
        };
    }
}
