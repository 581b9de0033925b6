package io.mailharness.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailharness.record.Ledger;
import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;

import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The load comparison as JSON ({@code load-comparison.json}): the simulation, its parameters and the
 * comparability warnings; per server its run, injector (with the overload flag), ledger and errors; per
 * stage and for delivery latency, the numbers of each server. Histograms stay in the run records.
 */
public final class LoadComparisonJson {
    public static final String FILE_NAME = "load-comparison.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LoadComparisonJson() {}

    public static ObjectNode toJson(LoadComparisonModel model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", model.title());
        root.put("generatedAt", model.generatedAt().toString());
        root.put("simulation", model.simulation());
        ObjectNode parameters = root.putObject("parameters");
        model.parameters().forEach(parameters::put);
        ArrayNode warnings = root.putArray("warnings");
        model.warnings().forEach(warnings::add);
        ArrayNode servers = root.putArray("servers");
        for (LoadColumn c : model.columns()) {
            ObjectNode server = servers.addObject();
            server.put("name", c.name());
            server.put("version", c.version());
            server.put("available", c.available());
            if (c.record().isEmpty()) {
                server.put("unavailableReason", c.unavailableReason());
                continue;
            }
            RunRecord r = c.record().get();
            server.put("runId", r.runId());
            server.put("start", r.start());
            server.put("end", r.end());
            number(server, "durationSeconds", LoadComparisonModel.durationSeconds(r));
            server.put("requests", model.requestCount(c));
            server.put("ko", model.koCount(c));
            number(server, "throughputPerSecond", model.totalThroughput(c));
            if (r.injector() != null) {
                RunRecord.Injector i = r.injector();
                ObjectNode injector = server.putObject("injector");
                injector.put("index", i.index());
                injector.put("count", i.count());
                injector.put("host", i.host());
                injector.put("cores", i.cores());
                injector.put("cpuAverage", i.cpuAverage());
                injector.put("cpuPeak", i.cpuPeak());
                injector.put("machineCpuAverage", i.machineCpuAverage());
                injector.put("overloaded", LoadComparisonModel.injectorOverloaded(i));
            }
            Ledger l = r.ledger();
            ObjectNode ledger = server.putObject("ledger");
            ledger.put("sent", l.sent());
            ledger.put("accepted", l.accepted());
            ledger.put("rejected", l.rejected());
            ledger.put("retrieved", l.retrieved());
            ledger.put("intact", l.intact());
            ledger.put("corrupted", l.corrupted());
            ledger.put("duplicated", l.duplicated());
            ledger.put("lost", l.lost());
            ObjectNode errors = server.putObject("errorsByReplyClass");
            if (r.errorsByReplyClass() != null) r.errorsByReplyClass().forEach(errors::put);
        }
        ArrayNode stages = root.putArray("stages");
        for (String stage : model.stages()) {
            ObjectNode s = stages.addObject();
            s.put("name", stage);
            ObjectNode byServer = s.putObject("servers");
            for (LoadColumn c : model.columns()) {
                model.stats(c, stage).ifPresent(stats -> stats(byServer.putObject(c.name()), stats, model.throughput(c, stage)));
            }
        }
        ObjectNode delivery = root.putObject("deliveryLatency");
        for (LoadColumn c : model.columns()) {
            Optional<RequestStats> stats = model.deliveryLatency(c);
            stats.ifPresent(st -> stats(delivery.putObject(c.name()), st, model.throughput(c, RunRecord.DELIVERY_LATENCY)));
        }
        return root;
    }

    private static void stats(ObjectNode node, RequestStats s, double throughput) {
        node.put("count", s.count());
        node.put("ok", s.ok());
        node.put("ko", s.ko());
        number(node, "perSecond", throughput);
        node.put("min", s.min());
        node.put("p50", s.p50());
        node.put("p75", s.p75());
        node.put("p95", s.p95());
        node.put("p99", s.p99());
        node.put("max", s.max());
        node.put("mean", s.mean());
    }

    /** NaN and infinities are not JSON: they become null. */
    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) node.put(field, value);
        else node.putNull(field);
    }

    public static String render(LoadComparisonModel model) {
        try {
            return JSON.writeValueAsString(toJson(model));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
