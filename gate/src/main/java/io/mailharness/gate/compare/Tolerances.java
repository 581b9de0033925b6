package io.mailharness.gate.compare;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import io.mailharness.gate.input.BadInput;
import io.mailharness.record.RunRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gate's tolerances: defaults per metric, overrides per request name, and the injector CPU levels
 * above which a run's latencies are likely the injector's own. Read from {@code baseline-tolerances.conf}
 * (HOCON) beside the baseline; anything the file leaves out keeps the built-in default.
 */
public final class Tolerances {
    public static final String FILE_NAME = "baseline-tolerances.conf";

    /** Built-in defaults, also the template a promoted baseline starts with. */
    public static final String DEFAULTS_TEXT = """
            # Mailharness regression-gate tolerances, kept beside the baseline's run-record.json.
            # A metric regresses when it worsens by more than BOTH its percent and its floor.
            # floor is in the metric's unit: ms for p50/p95/p99, requests per second for throughput,
            # percentage points for error-rate. Fewer requests than min-samples in either run make the
            # verdict "inconclusive" (a p99 needs a few samples beyond it to be stable).
            # gate = false shows a metric without ever failing the build.
            defaults {
              throughput { percent = 15, floor = 0.5, min-samples = 20,  gate = true }
              p50        { percent = 20, floor = 2,   min-samples = 20,  gate = true }
              p95        { percent = 20, floor = 3,   min-samples = 100, gate = true }
              p99        { percent = 20, floor = 5,   min-samples = 500, gate = true }
              error-rate { percent = 0,  floor = 1,   min-samples = 100, gate = true }
            }

            # Overrides per request name (quote names with spaces); unset keys fall back to defaults.
            requests {
              # "delivery latency" { p99 { percent = 50 } }
              # "smtp send" { throughput { gate = false } }
            }

            # Injector CPU use (0..1 of all its cores). At or above these, in either run, every verdict
            # is "inconclusive": the injector, not the server, may have set the pace.
            noise {
              cpu-average = 0.80
              cpu-peak = 0.95
            }
            """;

    private static final Set<String> METRIC_KEYS = Set.of("percent", "floor", "min-samples", "gate");
    private static final Config DEFAULTS = ConfigFactory.parseString(DEFAULTS_TEXT);

    private final Config config;
    private final String origin;

    private Tolerances(Config config, String origin) {
        this.config = config;
        this.origin = origin;
    }

    public static Tolerances defaults() {
        return new Tolerances(DEFAULTS, "built-in defaults");
    }

    /** Reads a tolerance file; unknown metrics or keys are bad input, so a typo never loosens the gate silently. */
    public static Tolerances load(Path file) {
        if (!Files.isReadable(file)) throw new BadInput("tolerance file " + file + " does not exist or is not readable");
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new BadInput("tolerance file " + file + " is malformed: " + e.getMessage().replaceAll("\\s+", " "));
        }
        Tolerances tolerances = new Tolerances(parsed.withFallback(DEFAULTS).resolve(), file.toString());
        tolerances.validate(parsed, file);
        return tolerances;
    }

    /** Where these tolerances came from, for the report header. */
    public String origin() {
        return origin;
    }

    public Tolerance of(String request, Metric metric) {
        String defaultPath = ConfigUtil.joinPath("defaults", metric.key());
        String requestPath = ConfigUtil.joinPath("requests", request, metric.key());
        Config metricConfig = config.hasPath(requestPath)
                ? config.getConfig(requestPath).withFallback(config.getConfig(defaultPath))
                : config.getConfig(defaultPath);
        return new Tolerance(
                metricConfig.getDouble("percent"),
                metricConfig.getDouble("floor"),
                metricConfig.getLong("min-samples"),
                metricConfig.getBoolean("gate"));
    }

    public double cpuAverageLimit() {
        return config.getDouble("noise.cpu-average");
    }

    public double cpuPeakLimit() {
        return config.getDouble("noise.cpu-peak");
    }

    private void validate(Config parsed, Path file) {
        try {
            if (parsed.hasPath("defaults")) validateMetrics(parsed.getConfig("defaults"), "defaults", file);
            if (parsed.hasPath("requests")) {
                Config requests = parsed.getConfig("requests");
                for (String request : requests.root().keySet()) {
                    validateMetrics(requests.getConfig(ConfigUtil.joinPath(request)), ConfigUtil.joinPath("requests", request), file);
                }
            }
            for (String top : parsed.root().keySet()) {
                if (!Set.of("defaults", "requests", "noise").contains(top)) {
                    throw new BadInput(file + ": unknown section '" + top + "' (defaults, requests, noise)");
                }
            }
            // Reading every value once turns a wrong type ("percent = lots") into one line now, not a crash later,
            // and a value out of its range (a CPU share of 85, a negative percent) is refused, not taken literally.
            inShareRange("noise.cpu-average", cpuAverageLimit(), file);
            inShareRange("noise.cpu-peak", cpuPeakLimit(), file);
            for (Metric metric : Metric.values()) {
                notNegative("defaults." + metric.key(), of("", metric), file);
                if (parsed.hasPath("requests")) {
                    for (String request : parsed.getConfig("requests").root().keySet()) {
                        notNegative(ConfigUtil.joinPath("requests", request, metric.key()), of(request, metric), file);
                    }
                }
            }
        } catch (ConfigException e) {
            throw new BadInput(file + ": " + e.getMessage().replaceAll("\\s+", " "));
        }
    }

    private static void inShareRange(String key, double value, Path file) {
        if (!(value > 0 && value <= 1)) throw new BadInput(file + ": " + key + " = " + value + " is not a share of the CPU (0 < share ≤ 1, e.g. 0.85)");
    }

    private static void notNegative(String where, Tolerance tolerance, Path file) {
        if (!(tolerance.percent() >= 0) || !(tolerance.floor() >= 0) || tolerance.minSamples() < 0) {
            throw new BadInput(file + ": " + where + " has a negative (or not a number) percent, floor or min-samples");
        }
    }

    /**
     * Refuses tolerances for a request neither run has: a typo (or a stale file) would loosen nothing it was meant to.
     * The ledger's classes are judged from the records' counts whether or not a run has their verdict requests.
     */
    public void requireRequestsOf(Set<String> baseline, Set<String> current) {
        if (!config.hasPath("requests")) return;
        List<String> unknown = config.getConfig("requests").root().keySet().stream()
                .filter(name -> !baseline.contains(name) && !current.contains(name))
                .filter(name -> !name.startsWith(RunRecord.LEDGER_VERDICT_PREFIX))
                .sorted().map(name -> "'" + name + "'").toList();
        if (!unknown.isEmpty()) {
            throw new BadInput(origin + " gives tolerances for " + String.join(", ", unknown) + ", which neither run has (a misspelt request name?)");
        }
    }

    private static void validateMetrics(Config metrics, String where, Path file) {
        for (String key : metrics.root().keySet()) {
            if (Metric.byKey(key) == null) {
                throw new BadInput(file + ": " + where + "." + key + " is not a metric ("
                        + Arrays.stream(Metric.values()).map(Metric::key).collect(Collectors.joining(", ")) + ")");
            }
            for (String setting : metrics.getConfig(key).root().keySet()) {
                if (!METRIC_KEYS.contains(setting)) {
                    throw new BadInput(file + ": " + where + "." + key + "." + setting + " is not a tolerance setting (percent, floor, min-samples, gate)");
                }
            }
        }
    }
}
