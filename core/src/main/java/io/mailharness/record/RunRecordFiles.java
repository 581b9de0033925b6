package io.mailharness.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mailharness.files.AtomicFiles;
import io.mailharness.settings.SettingsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes run records as JSON. A malformed file is a one-line user error. */
public final class RunRecordFiles {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a key given twice or text after the record is a damaged file, not one whose last word counts
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a count of 300.5 or "300" was written by hand, not by a run
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    static {
        JSON.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Integer)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.String, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
    }

    private RunRecordFiles() {}

    /** Writes through a temporary file, so a reader never sees half a record. */
    public static void write(RunRecord record, Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(record));
    }

    public static RunRecord read(Path file) {
        if (!Files.isReadable(file)) throw new SettingsException(null, "run record " + file + " does not exist or is not readable");
        try {
            RunRecord record = JSON.readValue(file.toFile(), RunRecord.class);
            if (record == null) throw new SettingsException(null, "run record " + file + " is malformed: it holds null, not a record");
            if (record.formatVersion() != RunRecord.FORMAT_VERSION) {
                throw new SettingsException(null, "run record " + file + " has format version " + record.formatVersion() + ", this Mailharness reads " + RunRecord.FORMAT_VERSION);
            }
            if (record.simulation() == null || record.requests() == null || record.ledger() == null) {
                throw new SettingsException(null, "run record " + file + " is malformed: simulation, requests and ledger are required");
            }
            record.requests().forEach((name, stats) -> {
                String problem = nonsense(stats);
                if (problem != null) throw new SettingsException(null, "run record " + file + " is malformed: request '" + name + "' " + problem);
            });
            return record;
        } catch (JsonProcessingException e) {
            throw new SettingsException(null, "run record " + file + " is malformed: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        } catch (IOException e) {
            throw new SettingsException(null, "cannot read run record " + file + ": " + e.getMessage());
        }
    }

    /**
     * What makes a request's figures impossible (a count below zero, more KOs than requests, a latency that is
     * negative or not a number), or null: a gate must not judge a run from figures no run can have.
     */
    private static String nonsense(RequestStats stats) {
        if (stats == null) return "has no figures";
        if (stats.count() < 0 || stats.ok() < 0 || stats.ko() < 0) return "has a negative count";
        if (stats.ok() + stats.ko() != stats.count()) return "has ok + ko = " + (stats.ok() + stats.ko()) + ", not its count " + stats.count();
        for (double latency : new double[] {stats.min(), stats.p50(), stats.p75(), stats.p95(), stats.p99(), stats.max(), stats.mean()}) {
            if (!Double.isFinite(latency) || latency < 0) return "has a latency of " + latency + " ms";
        }
        // Every percentile and the mean lie between min and max; a histogram's rounding moves a value by a fraction of a per cent.
        for (double latency : new double[] {stats.p50(), stats.p75(), stats.p95(), stats.p99(), stats.mean()}) {
            if (stats.ok() > 0 && (latency > stats.max() * 1.01 + 0.01 || latency * 1.01 + 0.01 < stats.min())) {
                return "has a latency of " + latency + " ms outside its min " + stats.min() + " and max " + stats.max() + " ms";
            }
        }
        return null;
    }

    public static String toJson(RunRecord record) throws JsonProcessingException {
        return JSON.writeValueAsString(record);
    }
}
