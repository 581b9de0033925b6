package io.mailharness.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTest {
    @TempDir
    Path folder;

    @Test
    void aWrittenFileIsWholeAndLeavesNoTemporaryFileBehind() throws IOException {
        AtomicFiles.write(folder.resolve("report.txt"), "first");
        AtomicFiles.write(folder.resolve("report.txt"), "second");
        assertEquals("second", Files.readString(folder.resolve("report.txt")));
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count(), "only the report");
        }
    }

    @Test
    void aWrittenFileHasThePermissionsOfAnyNewFileNotPrivateOnes() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(folder.resolve("plain.txt")); // as the user's umask makes it
        Path written = AtomicFiles.write(folder.resolve("run-record.json"), "{}");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
    }
}
