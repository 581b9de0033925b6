package io.mailharness.result;

import io.mailharness.files.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code conformance-result.json}: the target, its greetings, the start time, the counts, and per
 * check its ID, RFC, section, level, outcome, expected, actual, transcript and duration.
 */
public final class ResultJsonWriter {
    public static final String FILE_NAME = "conformance-result.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJsonWriter() {}

    public static ObjectNode toJson(ConformanceRun run) {
        ObjectNode root = JSON.createObjectNode();
        root.put("target", run.target());
        root.put("description", run.description());
        ObjectNode greeting = root.putObject("serverGreeting");
        greeting.put("smtp", run.smtpGreeting());
        greeting.put("pop3", run.pop3Greeting());
        root.put("timestamp", run.startedAt());
        root.put("strict", run.strict());
        root.put("failed", run.failed());
        ObjectNode counts = root.putObject("counts");
        run.counts().forEach((outcome, n) -> counts.put(outcome.name(), n));
        ArrayNode checks = root.putArray("checks");
        for (CheckResult c : run.checks()) {
            ObjectNode node = checks.addObject();
            node.put("id", c.id());
            ArrayNode rfc = node.putArray("rfc");
            c.rfc().forEach(rfc::add);
            node.put("section", c.section());
            node.put("sectionTitle", c.sectionTitle());
            node.put("group", c.group());
            node.put("level", c.level().name());
            node.put("requirement", c.requirement());
            ArrayNode tags = node.putArray("tags");
            c.tags().forEach(tags::add);
            node.put("outcome", c.outcome().name());
            node.put("expected", c.expected());
            node.put("actual", c.actual());
            node.put("transcript", c.transcript());
            node.put("durationMillis", c.durationMillis());
        }
        return root;
    }

    /** Writes the file in {@code directory}, through a temporary file, so no half-written result is left. */
    public static Path write(ConformanceRun run, Path directory) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(toJson(run));
        return AtomicFiles.write(directory.resolve(FILE_NAME), bytes);
    }
}
