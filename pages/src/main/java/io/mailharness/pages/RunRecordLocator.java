package io.mailharness.pages;

import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import io.mailharness.settings.SettingsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds and reads a run record given a file, a run folder holding {@code run-record.json}, or a results
 * folder whose newest run folder holds one (where {@code ./mailharness load} writes).
 */
final class RunRecordLocator {
    private RunRecordLocator() {}

    static RunRecord read(Path fileOrDirectory) {
        Path file = locate(fileOrDirectory);
        try {
            return RunRecordFiles.read(file);
        } catch (SettingsException e) {
            throw new ComparisonInputException(e.getMessage());
        }
    }

    static Path locate(Path path) {
        if (!Files.isDirectory(path)) return path;
        Path direct = path.resolve(RunRecord.FILE_NAME);
        if (Files.isRegularFile(direct)) return direct;
        try (Stream<Path> children = Files.list(path)) {
            Optional<Path> newest = children.map(d -> d.resolve(RunRecord.FILE_NAME)).filter(Files::isRegularFile)
                    .max(Comparator.comparing(RunRecordLocator::modified));
            return newest.orElseThrow(() -> new ComparisonInputException("no " + RunRecord.FILE_NAME + " in " + path + " or its run folders"));
        } catch (IOException e) {
            throw new ComparisonInputException("cannot list " + path + ": " + e.getMessage());
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
