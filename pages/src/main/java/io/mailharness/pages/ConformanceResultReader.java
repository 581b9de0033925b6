package io.mailharness.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailharness.result.CheckResult;
import io.mailharness.result.ConformanceRun;
import io.mailharness.result.Level;
import io.mailharness.result.Outcome;
import io.mailharness.result.ResultJsonWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a {@code conformance-result.json} (as {@link ResultJsonWriter} writes it) back into a
 * {@link ConformanceRun}. Every problem is a one-line {@link ComparisonInputException} naming the file
 * and the field.
 */
public final class ConformanceResultReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConformanceResultReader() {}

    /** A file, or a directory holding {@code conformance-result.json}. */
    public static ConformanceRun read(Path fileOrDirectory) {
        Path file = Files.isDirectory(fileOrDirectory) ? fileOrDirectory.resolve(ResultJsonWriter.FILE_NAME) : fileOrDirectory;
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ComparisonInputException("conformance result " + file + " does not exist or is not readable");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ComparisonInputException("conformance result " + file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ComparisonInputException("cannot read conformance result " + file + ": " + e.getMessage());
        }
        return parse(root, file.toString());
    }

    static ConformanceRun parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) throw bad(source, "the top level must be a JSON object");
        String target = requiredText(root, "target", source);
        JsonNode checksNode = root.get("checks");
        if (checksNode == null || !checksNode.isArray()) throw bad(source, "'checks' must be an array");
        List<CheckResult> checks = new ArrayList<>();
        for (int i = 0; i < checksNode.size(); i++) {
            checks.add(check(checksNode.get(i), source, "checks[" + i + "]"));
        }
        JsonNode greeting = root.path("serverGreeting");
        return new ConformanceRun(target, text(root, "description", target), text(greeting, "smtp", ""),
                text(greeting, "pop3", ""), text(root, "timestamp", ""), root.path("strict").asBoolean(false), checks);
    }

    private static CheckResult check(JsonNode node, String source, String where) {
        if (node == null || !node.isObject()) throw bad(source, where + " must be an object");
        String id = requiredText(node, "id", source, where);
        Outcome outcome = enumValue(Outcome.class, requiredText(node, "outcome", source, where), source, where + ".outcome");
        Level level = enumValue(Level.class, text(node, "level", "INFO"), source, where + ".level");
        return new CheckResult(id, strings(node.get("rfc")), text(node, "section", ""), text(node, "sectionTitle", ""),
                level, text(node, "requirement", ""), strings(node.get("tags")), outcome, text(node, "expected", ""),
                text(node, "actual", ""), text(node, "transcript", ""), node.path("durationMillis").asLong(0));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String source, String where) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw bad(source, where + " '" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) return values;
        if (node.isArray()) node.forEach(n -> values.add(n.asText()));
        else values.add(node.asText());
        return values;
    }

    private static String requiredText(JsonNode node, String field, String source) {
        return requiredText(node, field, source, null);
    }

    private static String requiredText(JsonNode node, String field, String source, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            throw bad(source, "'" + (where == null ? field : where + "." + field) + "' is missing");
        }
        return value.asText();
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static ComparisonInputException bad(String source, String problem) {
        return new ComparisonInputException("conformance result " + source + " is malformed: " + problem);
    }
}
