package io.mailharness.gate.input;

import io.mailharness.record.RunRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds run records from what a user names: a record file, a run folder holding one, or a results folder
 * holding many (CI jobs know the results folder, not the timestamped run folder Gatling picked).
 */
public final class RunRecordPaths {
    private static final int SEARCH_DEPTH = 4;

    private RunRecordPaths() {}

    /** One record: the file itself, DIR/run-record.json, or the newest run record below DIR. */
    public static Path single(Path given) {
        if (!Files.exists(given)) throw new BadInput(given + " does not exist");
        if (!Files.isDirectory(given)) return given;
        Path direct = given.resolve(RunRecord.FILE_NAME);
        if (Files.isRegularFile(direct)) return direct;
        return all(given).stream()
                .max(Comparator.comparing(RunRecordPaths::modified))
                .orElseThrow(() -> new BadInput("no " + RunRecord.FILE_NAME + " in " + given));
    }

    /** Every record: the file itself, or each run record below DIR, in path order. */
    public static List<Path> all(Path given) {
        if (!Files.exists(given)) throw new BadInput(given + " does not exist");
        if (!Files.isDirectory(given)) return List.of(given);
        try (Stream<Path> files = Files.find(given, SEARCH_DEPTH,
                (path, attributes) -> attributes.isRegularFile() && path.getFileName().toString().equals(RunRecord.FILE_NAME))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + given + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file a path names, for telling whether two paths name one file: its real path when it exists
     * (links and {@code ..} resolved), else the absolute path.
     */
    public static Path real(Path path) {
        try {
            return Files.exists(path) ? path.toRealPath() : path.toAbsolutePath().normalize();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
