package io.mailharness.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.mailharness.files.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code conformance-result.json}: a {@link ConformanceRun} as {@link ResultJson} writes it (the target, its
 * greetings, the start time, the counts, and per check its ID, RFC, section, level, outcome, expected,
 * actual, transcript and duration), and read back. Files written before the format version was recorded
 * read as version 1.
 */
public final class ConformanceResultFile {
    public static final String FILE_NAME = "conformance-result.json";

    private ConformanceResultFile() {}

    /** Writes the file in {@code directory}, through a temporary file, so no half-written result is left. */
    public static Path write(ConformanceRun run, Path directory) throws IOException {
        return AtomicFiles.write(directory.resolve(FILE_NAME), ResultJson.bytes(run));
    }

    /**
     * Reads a result file.
     *
     * @throws ResultFileException one line naming the file and, when malformed, the field
     */
    public static ConformanceRun read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ResultFileException("conformance result " + file + " does not exist or is not readable");
        }
        JsonNode root;
        try {
            root = ResultJson.tree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new ResultFileException("conformance result " + file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ResultFileException("cannot read conformance result " + file + ": " + e.getMessage());
        }
        if (!root.isObject()) throw malformed(file, "the top level must be a JSON object");
        int version = root.path("formatVersion").asInt(1);
        if (version != ConformanceRun.FORMAT_VERSION) {
            throw new ResultFileException("conformance result " + file + " has format version " + version
                    + ", this Mailharness reads " + ConformanceRun.FORMAT_VERSION);
        }
        try {
            return ResultJson.value(root, ConformanceRun.class);
        } catch (JsonProcessingException e) {
            throw malformed(file, problem(e));
        }
    }

    /** The field at fault ({@code checks[3].outcome}) and what is wrong with it. */
    private static String problem(JsonProcessingException e) {
        String where = e instanceof JsonMappingException m ? path(m) : "";
        String what;
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            what = "'" + f.getValue() + "' is not one of " + Arrays.toString(f.getTargetType().getEnumConstants());
        } else if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            what = cause.getMessage();
        } else {
            what = e.getOriginalMessage();
        }
        return where.isEmpty() ? what : where + ": " + what;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            else if (r.getIndex() >= 0) path.append('[').append(r.getIndex()).append(']');
        }
        return path.toString();
    }

    private static ResultFileException malformed(Path file, String problem) {
        return new ResultFileException("conformance result " + file + " is malformed: " + problem);
    }
}
