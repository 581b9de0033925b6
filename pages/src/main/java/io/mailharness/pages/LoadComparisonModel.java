package io.mailharness.pages;

import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Several load runs of the same simulation, one per server, side by side: the stages (request names) in
 * first-seen order, throughput and latency per stage, delivery latency, ledger and injector CPU per run,
 * and warnings when the runs are not comparable (another simulation or other parameters).
 *
 * @param title       the page's title
 * @param generatedAt when the comparison was built
 * @param columns     the servers, in the order given
 * @param stages      every request name except delivery latency
 * @param warnings    one sentence per reason the runs may not be comparable
 */
public record LoadComparisonModel(String title, Instant generatedAt, List<LoadColumn> columns, List<String> stages, List<String> warnings) {
    /** An injector whose CPU peaked at or above this share of all cores was probably the bottleneck. */
    public static final double OVERLOADED_PEAK = 0.90;
    /** An injector whose mean CPU use was at or above this share of all cores was probably the bottleneck. */
    public static final double OVERLOADED_AVERAGE = 0.75;

    public LoadComparisonModel {
        columns = List.copyOf(columns);
        stages = List.copyOf(stages);
        warnings = List.copyOf(warnings);
    }

    public static LoadComparisonModel build(String title, Instant generatedAt, List<LoadColumn> columns) {
        Set<String> stages = new LinkedHashSet<>();
        for (LoadColumn column : columns) {
            column.record().ifPresent(r -> r.requests().keySet().forEach(name -> {
                if (!RunRecord.DELIVERY_LATENCY.equals(name)) stages.add(name);
            }));
        }
        return new LoadComparisonModel(title, generatedAt, columns, List.copyOf(stages), warnings(columns));
    }

    private static List<String> warnings(List<LoadColumn> columns) {
        List<String> warnings = new ArrayList<>();
        List<RunRecord> records = columns.stream().flatMap(c -> c.record().stream()).toList();
        Set<String> simulations = new TreeSet<>();
        records.forEach(r -> simulations.add(r.simulation()));
        if (simulations.size() > 1) warnings.add("The runs are of different simulations (" + String.join(", ", simulations) + "): they are not comparable.");
        Set<String> keys = new TreeSet<>();
        records.forEach(r -> keys.addAll(parameters(r).keySet()));
        for (String key : keys) {
            Set<String> values = new LinkedHashSet<>();
            records.forEach(r -> values.add(String.valueOf(parameters(r).getOrDefault(key, "(unset)"))));
            if (values.size() > 1) warnings.add("Parameter '" + key + "' differs between runs: " + String.join(" / ", values) + ".");
        }
        for (LoadColumn column : columns) {
            RunRecord.Injector injector = column.record().map(RunRecord::injector).orElse(null);
            if (injector != null && injector.count() > 1 && !injector.merged()) {
                warnings.add(column.name() + ": this record is injector " + injector.index() + " of " + injector.count()
                        + "; merge the injectors' records first for the whole load.");
            }
        }
        return warnings;
    }

    private static Map<String, String> parameters(RunRecord record) {
        return record.parameters() == null ? Map.of() : record.parameters();
    }

    /** The simulation of the first available run, or empty. */
    public String simulation() {
        return firstRecord().map(RunRecord::simulation).orElse("");
    }

    /** The parameters of the first available run. */
    public Map<String, String> parameters() {
        return firstRecord().map(LoadComparisonModel::parameters).orElse(Map.of());
    }

    private Optional<RunRecord> firstRecord() {
        return columns.stream().flatMap(c -> c.record().stream()).findFirst();
    }

    /** The columns that have a run record, in order. */
    public List<LoadColumn> availableColumns() {
        return columns.stream().filter(LoadColumn::available).toList();
    }

    /** The names of the parameters, sorted. */
    public List<String> parameterNames() {
        return parameters().keySet().stream().sorted().toList();
    }

    /** Every kind of error any run recorded ("4xx", "timeout"…), sorted. */
    public List<String> errorKinds() {
        Set<String> kinds = new TreeSet<>();
        columns.forEach(c -> c.record().ifPresent(r -> { if (r.errorsByReplyClass() != null) kinds.addAll(r.errorsByReplyClass().keySet()); }));
        return List.copyOf(kinds);
    }

    /** KO requests of one kind in a column's run (0 when it recorded none). */
    public long errors(LoadColumn column, String kind) {
        return column.record().map(RunRecord::errorsByReplyClass).map(e -> e.getOrDefault(kind, 0L)).orElse(0L);
    }

    /** True when any available run recorded a delivery latency. */
    public boolean anyDeliveryLatency() {
        return columns.stream().anyMatch(c -> deliveryLatency(c).isPresent());
    }

    public Optional<RequestStats> stats(LoadColumn column, String requestName) {
        return column.record().map(r -> r.requests().get(requestName));
    }

    public Optional<RequestStats> deliveryLatency(LoadColumn column) {
        return stats(column, RunRecord.DELIVERY_LATENCY);
    }

    /** The run's wall time in seconds, NaN when start or end is missing or unreadable. */
    public static double durationSeconds(RunRecord record) {
        try {
            double seconds = Duration.between(Instant.parse(record.start()), Instant.parse(record.end())).toMillis() / 1000.0;
            return seconds > 0 ? seconds : Double.NaN;
        } catch (DateTimeParseException | NullPointerException e) {
            return Double.NaN;
        }
    }

    /** Requests per second of one stage over the run's wall time, NaN when unknown. */
    public double throughput(LoadColumn column, String requestName) {
        if (column.record().isEmpty()) return Double.NaN;
        double seconds = durationSeconds(column.record().get());
        return stats(column, requestName).map(s -> s.count() / seconds).orElse(Double.NaN);
    }

    /** Requests per second of all stages together (delivery latency excluded), NaN when unknown. */
    public double totalThroughput(LoadColumn column) {
        if (column.record().isEmpty()) return Double.NaN;
        return requestCount(column) / durationSeconds(column.record().get());
    }

    /** Requests of all stages together (delivery latency excluded). */
    public long requestCount(LoadColumn column) {
        return stages.stream().mapToLong(s -> stats(column, s).map(RequestStats::count).orElse(0L)).sum();
    }

    /** KO requests of all stages together (delivery latency excluded). */
    public long koCount(LoadColumn column) {
        return stages.stream().mapToLong(s -> stats(column, s).map(RequestStats::ko).orElse(0L)).sum();
    }

    /** KO requests as a percentage of all requests (delivery latency excluded), NaN when there were none. */
    public double koPercent(LoadColumn column) {
        long requests = requestCount(column);
        return requests == 0 ? Double.NaN : 100.0 * koCount(column) / requests;
    }

    /** True when the injector's CPU was busy enough that the load it generated, not the server, may be what was measured. */
    public static boolean injectorOverloaded(RunRecord.Injector injector) {
        return injector != null && (injector.cpuPeak() >= OVERLOADED_PEAK || injector.cpuAverage() >= OVERLOADED_AVERAGE);
    }

    public List<LoadColumn> overloadedInjectors() {
        return columns.stream().filter(c -> c.record().map(r -> injectorOverloaded(r.injector())).orElse(false)).toList();
    }

    /** Columns whose ledger lost or corrupted a message. */
    public List<LoadColumn> lossyColumns() {
        return columns.stream().filter(c -> c.record().map(r -> r.ledger().lost() > 0 || r.ledger().corrupted() > 0).orElse(false)).toList();
    }
}
