package io.mailharness.pages;

import io.mailharness.result.ConformanceResultFile;
import io.mailharness.result.ConformanceRun;
import io.mailharness.result.ResultFileException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds and reads the {@code conformance-result.json} a comparison names: the file itself, or a folder
 * holding one. A file that cannot be read is a one-line {@link ComparisonInputException} naming the file
 * and the field.
 */
public final class ConformanceResultReader {
    private ConformanceResultReader() {}

    public static ConformanceRun read(Path fileOrDirectory) {
        Path file = Files.isDirectory(fileOrDirectory) ? fileOrDirectory.resolve(ConformanceResultFile.FILE_NAME) : fileOrDirectory;
        try {
            return ConformanceResultFile.read(file);
        } catch (ResultFileException e) {
            throw new ComparisonInputException(e.getMessage());
        }
    }
}
