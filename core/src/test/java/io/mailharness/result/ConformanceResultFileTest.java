package io.mailharness.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConformanceResultFileTest {
    /** Written by the hand-built writer that preceded {@link ConformanceResultFile}, before files carried a format version. */
    private static final String UNVERSIONED = "conformance-result-unversioned.json";

    @TempDir
    Path dir;

    /** The run the unversioned file holds. */
    private static ConformanceRun unversionedRun() {
        return new ConformanceRun("exim", "Exim on 127.0.0.1", "220 mx.example ESMTP Exim 4.96", "+OK Dovecot ready.", "2025-01-02T03:00:00Z", true, List.of(
                new CheckResult("SMTP-GREETING", List.of("5321"), "4.2", "SMTP Replies", Level.MUST, "The greeting is a 220 reply",
                        List.of("read-only"), Outcome.PASS, "", "", "", 4),
                new CheckResult("SMTP-NOOP", List.of("5321"), "4.1.1.9", "NOOP", Level.MUST, "NOOP is answered 250", List.of("read-only"),
                        Outcome.FAIL, "a 250 reply", "500 <what?>", "C: NOOP\\r\\n\nS: 500 <what?> & more\\r\\n\n", 12,
                        "RFC 5321 §4.1.1 Command Semantics and Syntax"),
                new CheckResult("POP3-CAPA", List.of("2449", "1939"), "5", "CAPA", Level.MAY, "CAPA lists the capabilities", List.of(),
                        Outcome.SKIP, "", "CAPA not answered", "-- skipped\n", 0)));
    }

    private Path unversionedFile() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(UNVERSIONED)) {
            Path file = dir.resolve("old/" + ConformanceResultFile.FILE_NAME);
            Files.createDirectories(file.getParent());
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    @Test
    void readsAFileWrittenBeforeTheFormatVersion() throws IOException {
        assertEquals(unversionedRun(), ConformanceResultFile.read(unversionedFile()));
    }

    @Test
    void writesTheEarlierLayoutWithTheFormatVersionFirst() throws IOException {
        ObjectMapper plain = new ObjectMapper();
        JsonNode before = plain.readTree(unversionedFile().toFile());
        JsonNode now = plain.readTree(ConformanceResultFile.write(unversionedRun(), dir).toFile());
        assertEquals(1, now.get("formatVersion").asInt());
        ObjectNode withoutVersion = ((ObjectNode) now.deepCopy());
        withoutVersion.remove("formatVersion");
        assertEquals(before, withoutVersion, "every field as before, with the same values");
        List<String> order = new ArrayList<>();
        now.fieldNames().forEachRemaining(order::add);
        assertEquals(List.of("formatVersion", "target", "description", "serverGreeting", "timestamp", "strict", "failed", "counts", "checks"), order);
        List<String> checkOrder = new ArrayList<>();
        now.at("/checks/1").fieldNames().forEachRemaining(checkOrder::add);
        List<String> beforeOrder = new ArrayList<>();
        before.at("/checks/1").fieldNames().forEachRemaining(beforeOrder::add);
        assertEquals(beforeOrder, checkOrder);
    }

    @Test
    void whatIsWrittenReadsBackEqual() throws IOException {
        ConformanceRun run = new ConformanceRun("a\"b", "", "", "", "2025-01-02T03:00:00Z", false, List.of(
                new CheckResult("X-1", List.of(), "", "", Level.INFO, "</script>\u0000\r", List.of("t"), Outcome.INFO, "", "", "C: \u00e9\r\n", 1)));
        assertEquals(run, ConformanceResultFile.read(ConformanceResultFile.write(run, dir)));
    }

    @Test
    void derivedFieldsAreRecomputedNotRead() throws IOException {
        Path file = Files.writeString(dir.resolve("r.json"), """
                {"target": "x", "failed": false, "counts": {"PASS": 99},
                 "checks": [{"id": "A", "level": "MUST", "outcome": "FAIL", "rfc": "5321"}]}""");
        ConformanceRun run = ConformanceResultFile.read(file);
        assertTrue(run.failed());
        assertEquals(1, run.counts().get(Outcome.FAIL));
        assertEquals(0, run.counts().get(Outcome.PASS));
        assertEquals(List.of("5321"), run.checks().getFirst().rfc(), "a single RFC is read as a list of one");
        assertEquals("x", run.description(), "no description: the target's name");
    }

    @Test
    void badFilesAreOneLineNamingTheFileAndTheField() throws IOException {
        Path file = dir.resolve("r.json");
        assertProblem(file, "{\"target\":\"x\",\"checks\":[{\"id\":\"A\",\"level\":\"MUST\",\"outcome\":\"GREAT\"}]}",
                "is malformed: checks[0].outcome: 'GREAT' is not one of [PASS, FAIL, WARN, SKIP, INFO]");
        assertProblem(file, "{\"target\":\"x\",\"checks\":[{\"level\":\"MUST\",\"outcome\":\"PASS\"}]}", "is malformed: checks[0]: id is missing");
        assertProblem(file, "{\"checks\":[]}", "is malformed: target is missing");
        assertProblem(file, "{\"target\":\"x\"}", "is malformed: checks is missing");
        assertProblem(file, "{\"target\":\"x\",\"checks\":{\"id\":\"A\",\"level\":\"MUST\"}}", "is malformed: checks[0]: outcome is missing");
        assertProblem(file, "{\"target\":\"x\",\"checks\":5}", "is malformed: checks[0]: ");
        assertProblem(file, "[1, 2]", "is malformed: the top level must be a JSON object");
        assertProblem(file, "", "is malformed: the top level must be a JSON object");
        assertProblem(file, "{ not json", "is not valid JSON: ");
        assertProblem(file, "{\"target\":\"x\",\"checks\":[{\"id\":\"A\",\"level\":\"MUST\",\"outcome\":\"FAIL\",\"outcome\":\"PASS\"}]}",
                "is not valid JSON: Duplicate field 'outcome'");
        assertProblem(file, "{\"target\":\"x\",\"checks\":[]} {\"target\":\"y\"}", "is not valid JSON: Trailing token");
        assertProblem(file, "{\"formatVersion\":2,\"target\":\"x\",\"checks\":[]}", "has format version 2, this Mailharness reads 1");
        var missing = assertThrows(ResultFileException.class, () -> ConformanceResultFile.read(dir.resolve("none.json")));
        assertTrue(missing.getMessage().endsWith("none.json does not exist or is not readable"), missing.getMessage());
    }

    private static void assertProblem(Path file, String content, String expected) throws IOException {
        Files.writeString(file, content);
        var e = assertThrows(ResultFileException.class, () -> ConformanceResultFile.read(file));
        assertTrue(e.getMessage().startsWith("conformance result " + file + " "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNull() {
        record Sample(double mean, Double rate, double count) {}
        assertEquals("{\"mean\":null,\"rate\":null,\"count\":2.5}", ResultJson.text(new Sample(Double.NaN, Double.POSITIVE_INFINITY, 2.5)).replaceAll("\\s", ""));
    }
}
