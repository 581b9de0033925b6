package io.mailharness.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact version of each server, by target name. Read from either a JSON object
 * ({@code {"postfix-dovecot": "postfix 3.7.11, dovecot 2.3.19"}}) or lines {@code NAME=VERSION} or
 * {@code NAME: VERSION} — the latter is what {@code servers/mailharness-servers version NAME} prints,
 * so its output can be appended to the file as is. Blank lines and lines starting with '#' are ignored.
 */
public final class ServerVersions {
    private final Map<String, String> versions;

    private ServerVersions(Map<String, String> versions) {
        this.versions = Map.copyOf(versions);
    }

    public static ServerVersions none() {
        return new ServerVersions(Map.of());
    }

    public static ServerVersions of(Map<String, String> versions) {
        return new ServerVersions(versions);
    }

    /** The version of a target, or empty when none is known. */
    public String of(String target) {
        return versions.getOrDefault(target, "");
    }

    /** The version under the column's name, else under the target name the result itself carries. */
    public String of(String column, String resultTarget) {
        String version = of(column);
        return version.isBlank() && resultTarget != null ? of(resultTarget) : version;
    }

    public Map<String, String> asMap() {
        return versions;
    }

    public static ServerVersions read(Path file) {
        String content;
        try {
            content = Files.readString(file);
        } catch (IOException e) {
            throw new ComparisonInputException("versions file " + file + " does not exist or is not readable");
        }
        return parse(content, file.toString());
    }

    static ServerVersions parse(String content, String source) {
        return content.strip().startsWith("{") ? parseJson(content, source) : parseLines(content.lines().toList(), source);
    }

    private static ServerVersions parseJson(String content, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(content);
        } catch (IOException e) {
            throw new ComparisonInputException("versions file " + source + " is not valid JSON");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw new ComparisonInputException("versions file " + source + ": the version of '" + e.getKey() + "' must be a string");
            }
            map.put(e.getKey(), e.getValue().asText().strip());
        }
        return new ServerVersions(map);
    }

    private static ServerVersions parseLines(List<String> lines, String source) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int equals = line.indexOf('=');
            int colon = line.indexOf(':');
            int split = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
            if (split <= 0) {
                throw new ComparisonInputException("versions file " + source + " line " + (i + 1) + ": expected NAME=VERSION or NAME: VERSION");
            }
            map.put(line.substring(0, split).strip(), line.substring(split + 1).strip());
        }
        return new ServerVersions(map);
    }
}
