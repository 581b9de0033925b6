package io.mailharness.pages;

import io.mailharness.record.Ledger;
import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import static io.mailharness.pages.HtmlEscaper.text;
import static io.mailharness.pages.SvgBarChart.number;

/**
 * The load comparison as one self-contained HTML page ({@code load-comparison.html}): the runs and their
 * injectors (an overloaded injector flagged), throughput and latency percentiles per stage as inline SVG
 * charts and tables, delivery latency, the delivery ledger (lost and corrupted highlighted) and errors by
 * reply class, servers side by side. Inline CSS and script only.
 */
public final class LoadComparisonPage {
    public static final String FILE_NAME = "load-comparison.html";
    private static final String[] PERCENTILES = {"p50", "p95", "p99"};

    private LoadComparisonPage() {}

    public static String render(LoadComparisonModel model) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append(PageStyle.NO_FAVICON).append('\n')
                .append("<title>").append(text(model.title())).append("</title>\n<style>\n")
                .append(PageStyle.BASE).append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
        header(out, model);
        runs(out, model);
        List<LoadColumn> available = model.columns().stream().filter(LoadColumn::available).toList();
        List<String> names = available.stream().map(LoadColumn::name).toList();
        if (!available.isEmpty()) {
            out.append("<h2 id=\"throughput\">Throughput per stage</h2>\n").append(SvgBarChart.legend(names));
            out.append(chart("Throughput per stage", "req/s", model.stages(), available, (c, s) -> model.throughput(c, s)));
            out.append("<h2 id=\"latency\">Latency per stage</h2>\n<form class=\"percentile-picker\" id=\"percentile-picker\">");
            for (String p : PERCENTILES) {
                out.append("<label><input type=\"radio\" name=\"percentile\" value=\"").append(p).append('"')
                        .append(p.equals("p95") ? " checked" : "").append("> ").append(p).append("</label> ");
            }
            out.append("</form>\n").append(SvgBarChart.legend(names));
            for (String p : PERCENTILES) {
                out.append("<div class=\"latency-chart\" id=\"latency-").append(p).append('"').append(p.equals("p95") ? "" : " hidden").append(">\n")
                        .append(chart("Latency " + p + " per stage", "ms", model.stages(), available,
                                (c, s) -> model.stats(c, s).map(percentile(p)).orElse(Double.NaN)))
                        .append("</div>\n");
            }
            stageTable(out, model);
            delivery(out, model, available, names);
        }
        ledger(out, model);
        errors(out, model);
        out.append("<p class=\"muted small\">Generated ").append(text(model.generatedAt().toString()))
                .append(". Latencies are Gatling's response times per request name, in milliseconds; throughput is the count over the run's wall time.</p>\n");
        out.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private interface Value {
        double of(LoadColumn column, String category);
    }

    private static String chart(String title, String unit, List<String> categories, List<LoadColumn> columns, Value value) {
        double[][] values = new double[categories.size()][columns.size()];
        for (int c = 0; c < categories.size(); c++) {
            for (int s = 0; s < columns.size(); s++) values[c][s] = value.of(columns.get(s), categories.get(c));
        }
        return SvgBarChart.render(title, unit, categories, columns.stream().map(LoadColumn::name).toList(), values);
    }

    private static void header(StringBuilder out, LoadComparisonModel model) {
        out.append("<h1>").append(text(model.title())).append("</h1>\n<p class=\"muted\">Simulation <b>")
                .append(text(model.simulation().isBlank() ? "(none available)" : model.simulation())).append("</b> against ")
                .append(model.columns().size()).append(" servers.</p>\n");
        Map<String, String> parameters = model.parameters();
        if (!parameters.isEmpty()) {
            out.append("<p class=\"params small\">");
            new TreeSet<>(parameters.keySet()).forEach(k -> out.append("<span class=\"param\"><span class=\"muted\">").append(text(k))
                    .append("</span> ").append(text(parameters.get(k))).append("</span> "));
            out.append("</p>\n");
        }
        for (String warning : model.warnings()) out.append("<div class=\"warn-box\">").append(text(warning)).append("</div>\n");
        for (LoadColumn c : model.overloadedInjectors()) {
            RunRecord.Injector i = c.record().orElseThrow().injector();
            out.append("<div class=\"bad-box overloaded-warning\"><b>Injector overloaded</b> on ").append(text(c.name()))
                    .append(": CPU ").append(percent(i.cpuAverage())).append(" average, ").append(percent(i.cpuPeak()))
                    .append(" peak. Its latencies and throughput may measure the injector rather than the server.</div>\n");
        }
        for (LoadColumn c : model.lossyColumns()) {
            Ledger l = c.record().orElseThrow().ledger();
            out.append("<div class=\"bad-box\"><b>").append(text(c.name())).append("</b> lost ").append(l.lost())
                    .append(" and corrupted ").append(l.corrupted()).append(" accepted messages.</div>\n");
        }
    }

    private static void runs(StringBuilder out, LoadComparisonModel model) {
        out.append("<h2 id=\"runs\">Runs and injectors</h2>\n<table class=\"data\" id=\"runs-table\">\n<thead><tr><th>Server</th><th>Version</th>")
                .append("<th>Run</th><th>Duration s</th><th>Requests</th><th>KO %</th><th>req/s</th>")
                .append("<th>Injector</th><th>Cores</th><th>CPU avg</th><th>CPU peak</th><th>Machine CPU avg</th></tr></thead>\n<tbody>\n");
        for (LoadColumn c : model.columns()) {
            out.append("<tr data-server=\"").append(text(c.name())).append("\"><td class=\"name\"><b>").append(text(c.name())).append("</b></td><td class=\"name small\">")
                    .append(text(c.version())).append("</td>");
            if (c.record().isEmpty()) {
                out.append("<td class=\"name unavailable\" colspan=\"10\"><span class=\"badge o-na\">unavailable</span> ")
                        .append(text(c.unavailableReason())).append("</td></tr>\n");
                continue;
            }
            RunRecord r = c.record().get();
            long requests = model.requestCount(c);
            out.append("<td class=\"name small\">").append(text(r.runId())).append("</td><td>").append(number(LoadComparisonModel.durationSeconds(r)))
                    .append("</td><td>").append(requests).append("</td><td>").append(requests == 0 ? "n/a" : number(100.0 * model.koCount(c) / requests))
                    .append("</td><td>").append(number(model.totalThroughput(c))).append("</td>");
            RunRecord.Injector i = r.injector();
            if (i == null) {
                out.append("<td colspan=\"5\" class=\"name muted\">not recorded</td></tr>\n");
                continue;
            }
            String flag = LoadComparisonModel.injectorOverloaded(i) ? " overloaded" : "";
            out.append("<td class=\"name small\">").append(text(i.host())).append(i.count() > 1 ? " (" + i.index() + "/" + i.count() + ")" : "")
                    .append("</td><td>").append(i.cores()).append("</td><td class=\"cpu").append(i.cpuAverage() >= LoadComparisonModel.OVERLOADED_AVERAGE ? " overloaded" : "")
                    .append("\">").append(percent(i.cpuAverage())).append("</td><td class=\"cpu").append(i.cpuPeak() >= LoadComparisonModel.OVERLOADED_PEAK ? " overloaded" : "")
                    .append("\">").append(percent(i.cpuPeak())).append(flag.isEmpty() ? "" : " ⚠ overloaded").append("</td><td>")
                    .append(percent(i.machineCpuAverage())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void stageTable(StringBuilder out, LoadComparisonModel model) {
        out.append("<h2 id=\"stages\">Stages in numbers</h2>\n<table class=\"data\" id=\"stages-table\">\n<thead><tr><th>Stage</th><th>Server</th><th>Count</th><th>OK</th><th>KO</th>")
                .append("<th>req/s</th><th>min</th><th>p50</th><th>p75</th><th>p95</th><th>p99</th><th>max</th><th>mean</th></tr></thead>\n<tbody>\n");
        for (String stage : model.stages()) {
            boolean first = true;
            List<LoadColumn> available = model.columns().stream().filter(LoadColumn::available).toList();
            for (LoadColumn c : available) {
                out.append("<tr").append(first ? " class=\"group-start\"" : "").append(">");
                if (first) out.append("<th rowspan=\"").append(available.size()).append("\" class=\"name\">").append(text(stage)).append("</th>");
                first = false;
                out.append("<td class=\"name\">").append(text(c.name())).append("</td>");
                Optional<RequestStats> s = model.stats(c, stage);
                if (s.isEmpty()) {
                    out.append("<td colspan=\"11\" class=\"name muted\">not in this run</td></tr>\n");
                    continue;
                }
                statsCells(out, s.get(), model.throughput(c, stage));
                out.append("</tr>\n");
            }
        }
        out.append("</tbody></table>\n");
    }

    private static void statsCells(StringBuilder out, RequestStats s, double throughput) {
        out.append("<td>").append(s.count()).append("</td><td>").append(s.ok()).append("</td><td").append(s.ko() > 0 ? " class=\"ko\"" : "")
                .append('>').append(s.ko()).append("</td><td>").append(number(throughput)).append("</td>");
        for (double v : new double[] {s.min(), s.p50(), s.p75(), s.p95(), s.p99(), s.max(), s.mean()}) {
            out.append("<td>").append(number(v)).append("</td>");
        }
    }

    private static void delivery(StringBuilder out, LoadComparisonModel model, List<LoadColumn> available, List<String> names) {
        out.append("<h2 id=\"delivery\">Delivery latency</h2>\n<p class=\"muted small\">From the 250 reply to end-of-data until the message is first retrieved over POP3.</p>\n");
        boolean any = available.stream().anyMatch(c -> model.deliveryLatency(c).isPresent());
        if (!any) {
            out.append("<p class=\"muted\">No run recorded a delivery latency.</p>\n");
            return;
        }
        List<String> categories = List.of("p50", "p75", "p95", "p99", "max");
        out.append(SvgBarChart.legend(names)).append(chart("Delivery latency", "ms", categories, available,
                (c, p) -> model.deliveryLatency(c).map(percentile(p)).orElse(Double.NaN)));
        out.append("<table class=\"data\" id=\"delivery-table\">\n<thead><tr><th>Server</th><th>Count</th><th>OK</th><th>KO</th><th>per s</th>")
                .append("<th>min</th><th>p50</th><th>p75</th><th>p95</th><th>p99</th><th>max</th><th>mean</th></tr></thead>\n<tbody>\n");
        for (LoadColumn c : available) {
            out.append("<tr><td class=\"name\">").append(text(c.name())).append("</td>");
            Optional<RequestStats> s = model.deliveryLatency(c);
            if (s.isEmpty()) out.append("<td colspan=\"11\" class=\"name muted\">not recorded</td>");
            else statsCells(out, s.get(), model.throughput(c, RunRecord.DELIVERY_LATENCY));
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void ledger(StringBuilder out, LoadComparisonModel model) {
        out.append("<h2 id=\"ledger\">Delivery ledger</h2>\n<table class=\"data\" id=\"ledger-table\">\n<thead><tr><th>Server</th><th>sent</th><th>accepted</th>")
                .append("<th>rejected</th><th>retrieved</th><th>intact</th><th>corrupted</th><th>duplicated</th><th>lost</th></tr></thead>\n<tbody>\n");
        for (LoadColumn c : model.columns()) {
            out.append("<tr data-server=\"").append(text(c.name())).append("\"><td class=\"name\"><b>").append(text(c.name())).append("</b></td>");
            if (c.record().isEmpty()) {
                out.append("<td colspan=\"8\" class=\"name\"><span class=\"badge o-na\">unavailable</span></td></tr>\n");
                continue;
            }
            Ledger l = c.record().get().ledger();
            out.append("<td>").append(l.sent()).append("</td><td>").append(l.accepted()).append("</td><td>").append(l.rejected())
                    .append("</td><td>").append(l.retrieved()).append("</td><td>").append(l.intact()).append("</td>");
            alarm(out, "corrupted", l.corrupted());
            alarm(out, "duplicated", l.duplicated());
            alarm(out, "lost", l.lost());
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void alarm(StringBuilder out, String what, long n) {
        out.append("<td class=\"").append(what).append(n > 0 ? " alarm" : "").append("\">").append(n > 0 ? "⚠ " : "").append(n).append("</td>");
    }

    private static void errors(StringBuilder out, LoadComparisonModel model) {
        TreeSet<String> kinds = new TreeSet<>();
        model.columns().forEach(c -> c.record().ifPresent(r -> { if (r.errorsByReplyClass() != null) kinds.addAll(r.errorsByReplyClass().keySet()); }));
        out.append("<h2 id=\"errors\">Errors by reply class</h2>\n");
        if (kinds.isEmpty()) {
            out.append("<p class=\"muted\">No run recorded an error.</p>\n");
            return;
        }
        List<String> order = new ArrayList<>(kinds);
        out.append("<table class=\"data\" id=\"errors-table\">\n<thead><tr><th>Server</th>");
        order.forEach(k -> out.append("<th>").append(text(k)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (LoadColumn c : model.columns()) {
            if (c.record().isEmpty()) continue;
            Map<String, Long> errors = c.record().get().errorsByReplyClass() == null ? Map.of() : c.record().get().errorsByReplyClass();
            out.append("<tr><td class=\"name\">").append(text(c.name())).append("</td>");
            order.forEach(k -> out.append("<td>").append(errors.getOrDefault(k, 0L)).append("</td>"));
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static java.util.function.Function<RequestStats, Double> percentile(String name) {
        ToDoubleFunction<RequestStats> f = switch (name) {
            case "p50" -> RequestStats::p50;
            case "p75" -> RequestStats::p75;
            case "p95" -> RequestStats::p95;
            case "p99" -> RequestStats::p99;
            case "max" -> RequestStats::max;
            default -> throw new IllegalArgumentException(name);
        };
        return s -> f.applyAsDouble(s);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static final String STYLE = """
            main { padding:10px 16px 24px; max-width:1200px; }
            .params .param { display:inline-block; margin-right:12px; }
            .chart { display:block; margin:2px 0 8px; max-width:100%; height:auto; }
            .chart .chart-title { font-size:12px; font-weight:600; fill:#333; }
            .chart .grid { stroke:#e3e6ea; stroke-width:1; }
            .chart .tick { font-size:10px; fill:#666; }
            .chart .category { font-size:11px; fill:#222; }
            .chart .value { font-size:10px; fill:#222; }
            .chart-legend { margin:2px 0; }
            .swatch { display:inline-block; width:11px; height:11px; margin:0 4px -1px 8px; border-radius:2px; }
            .percentile-picker label { margin-right:10px; }
            td.cpu.overloaded, td.alarm { background:#d55e00; color:#fff; font-weight:700; }
            td.ko { color:#a33c00; font-weight:600; }
            tr.group-start td, tr.group-start th { border-top:2px solid #9aa3ad; }
            td.unavailable { color:#8a3b00; }
            """;

    private static final String SCRIPT = """
            (function () {
              'use strict';
              var picker = document.getElementById('percentile-picker');
              if (!picker) return;
              picker.addEventListener('change', function () {
                var chosen = picker.querySelector('input[name="percentile"]:checked').value;
                Array.prototype.forEach.call(document.querySelectorAll('.latency-chart'), function (chart) {
                  chart.hidden = chart.id !== 'latency-' + chosen;
                });
              });
            })();
            """;
}
