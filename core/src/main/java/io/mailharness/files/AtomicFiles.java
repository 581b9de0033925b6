package io.mailharness.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes a whole file or nothing: a temporary sibling first, then a rename, so that CI and readers never
 * pick up half a report or half a run record.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the octets and returns the absolute path written. */
    public static Path write(Path target, byte[] bytes) throws IOException {
        return write(target, bytes, false);
    }

    /** Writes the text as UTF-8, readable and writable by its owner only (0600 where the file system has POSIX modes): it holds secrets. */
    public static Path writePrivate(Path target, String text) throws IOException {
        return write(target, text.getBytes(StandardCharsets.UTF_8), true);
    }

    private static Path write(Path target, byte[] bytes, boolean ownerOnly) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        // createTempFile makes private files (0600): right for secrets, but a report renamed from one could not be read by
        // the CI artifact server or the colleague it is for. A plain new file takes the user's umask like any other.
        Path temporary = ownerOnly ? Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp")
                : Files.createFile(directory.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            return absolute;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes the text as UTF-8 and returns the absolute path written. */
    public static Path write(Path target, String text) throws IOException {
        return write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
