package io.mailharness.pages;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mailharness.record.Ledger;
import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;
import io.mailharness.result.ResultJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load comparison as JSON ({@code load-comparison.json}), written by {@link ResultJson}: the
 * simulation, its parameters and the comparability warnings; per server its run, injector (with the
 * overload flag), ledger and errors; per stage and for delivery latency, the numbers of each server.
 * Histograms stay in the run records. The records are the layout; a number that is not known is null.
 *
 * @param stages          per stage (request name), each available server's numbers by server name
 * @param deliveryLatency each available server's delivery latency by server name
 */
public record LoadComparisonJson(String title, String generatedAt, String simulation, Map<String, String> parameters, List<String> warnings,
                                 List<Server> servers, List<Stage> stages, Map<String, Stats> deliveryLatency) {
    public static final String FILE_NAME = "load-comparison.json";

    /** One server: its run when available (the injector only when recorded), the reason when not. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Server(String name, String version, boolean available, String unavailableReason, String runId, String start, String end,
                         Double durationSeconds, Long requests, Long ko, Double throughputPerSecond, Injector injector, Ledger ledger,
                         Map<String, Long> errorsByReplyClass) {}

    /** The run record's injector, and whether it was busy enough to have been the bottleneck. */
    public record Injector(int index, int count, String host, int cores, double cpuAverage, double cpuPeak, double machineCpuAverage, boolean overloaded) {
        static Injector of(RunRecord.Injector i) {
            return new Injector(i.index(), i.count(), i.host(), i.cores(), i.cpuAverage(), i.cpuPeak(), i.machineCpuAverage(),
                    LoadComparisonModel.injectorOverloaded(i));
        }
    }

    public record Stage(String name, Map<String, Stats> servers) {}

    /** One request name in one run: counts, rate, and latencies in milliseconds. */
    public record Stats(long count, long ok, long ko, double perSecond, double min, double p50, double p75, double p95, double p99, double max, double mean) {
        static Stats of(RequestStats s, double perSecond) {
            return new Stats(s.count(), s.ok(), s.ko(), perSecond, s.min(), s.p50(), s.p75(), s.p95(), s.p99(), s.max(), s.mean());
        }
    }

    public static LoadComparisonJson of(LoadComparisonModel model) {
        List<Server> servers = model.columns().stream().map(c -> server(model, c)).toList();
        List<Stage> stages = new ArrayList<>();
        for (String stage : model.stages()) {
            Map<String, Stats> byServer = new LinkedHashMap<>();
            for (LoadColumn c : model.columns()) model.stats(c, stage).ifPresent(s -> byServer.put(c.name(), Stats.of(s, model.throughput(c, stage))));
            stages.add(new Stage(stage, byServer));
        }
        Map<String, Stats> delivery = new LinkedHashMap<>();
        for (LoadColumn c : model.columns()) {
            model.deliveryLatency(c).ifPresent(s -> delivery.put(c.name(), Stats.of(s, model.throughput(c, RunRecord.DELIVERY_LATENCY))));
        }
        return new LoadComparisonJson(model.title(), model.generatedAt().toString(), model.simulation(), model.parameters(), model.warnings(),
                servers, stages, delivery);
    }

    private static Server server(LoadComparisonModel model, LoadColumn c) {
        if (c.record().isEmpty()) {
            return new Server(c.name(), c.version(), false, c.unavailableReason(), null, null, null, null, null, null, null, null, null, null);
        }
        RunRecord r = c.record().get();
        return new Server(c.name(), c.version(), true, null, r.runId(), r.start(), r.end(), LoadComparisonModel.durationSeconds(r),
                model.requestCount(c), model.koCount(c), model.totalThroughput(c), r.injector() == null ? null : Injector.of(r.injector()),
                r.ledger(), r.errorsByReplyClass() == null ? Map.of() : r.errorsByReplyClass());
    }

    public static String render(LoadComparisonModel model) {
        return ResultJson.text(of(model));
    }
}
