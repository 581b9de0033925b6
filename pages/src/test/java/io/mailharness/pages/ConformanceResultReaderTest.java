package io.mailharness.pages;

import io.mailharness.result.ConformanceRun;
import io.mailharness.result.Outcome;
import io.mailharness.result.ConformanceResultFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConformanceResultReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsBackWhatTheConformanceWriterWrites() throws Exception {
        ConformanceRun run = ComparisonFixtures.run("exim", Outcome.FAIL, Outcome.PASS);
        ConformanceResultFile.write(run, dir);
        assertEquals(run, ConformanceResultReader.read(dir.resolve(ConformanceResultFile.FILE_NAME)));
        assertEquals(run, ConformanceResultReader.read(dir), "a folder holding the result is read too");
    }

    @Test
    void aMissingFileIsOneLine() {
        var e = assertThrows(ComparisonInputException.class, () -> ConformanceResultReader.read(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void malformedContentNamesTheField() throws Exception {
        Path file = dir.resolve("r.json");
        Files.writeString(file, "{\"target\":\"x\",\"checks\":[{\"id\":\"A\",\"level\":\"MUST\",\"outcome\":\"GREAT\"}]}");
        var e = assertThrows(ComparisonInputException.class, () -> ConformanceResultReader.read(file));
        assertTrue(e.getMessage().contains("checks[0].outcome: 'GREAT' is not one of"), e.getMessage());
        Files.writeString(file, "{ not json");
        e = assertThrows(ComparisonInputException.class, () -> ConformanceResultReader.read(file));
        assertTrue(e.getMessage().contains("not valid JSON") && !e.getMessage().contains("\n"), e.getMessage());
        Files.writeString(file, "{\"checks\":[]}");
        e = assertThrows(ComparisonInputException.class, () -> ConformanceResultReader.read(file));
        assertTrue(e.getMessage().contains("malformed: target is missing"), e.getMessage());
    }
}
