package io.mailharness.record;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Run records written before error groups, delivery classes, connection figures and KO latencies still read. */
class RunRecordFilesTest {
    @TempDir
    Path folder;

    @Test
    void aRecordWithoutTheLaterFieldsReadsWithThemNull() throws IOException {
        Path file = Files.writeString(folder.resolve(RunRecord.FILE_NAME), """
                {"formatVersion": 1, "simulation": "MailDay", "target": "postfix-dovecot", "runId": "mailday-1",
                 "start": "2025-03-01T10:00:00Z", "end": "2025-03-01T10:05:00Z", "parameters": {"users": "10"},
                 "injector": {"index": 1, "count": 1, "host": "h", "cores": 4, "cpuAverage": 0.3, "cpuPeak": 0.5, "machineCpuAverage": 0.4},
                 "requests": {"smtp send": {"count": 10, "ok": 9, "ko": 1, "min": 1.0, "p50": 2.0, "p75": 3.0, "p95": 4.0,
                                            "p99": 5.0, "max": 6.0, "mean": 2.5, "histogram": "AAAA"}},
                 "errorsByReplyClass": {"4xx": 1},
                 "ledger": {"sent": 10, "accepted": 9, "rejected": 1, "retrieved": 9, "intact": 9, "corrupted": 0, "duplicated": 0, "lost": 0},
                 "messages": [], "errors": {"smtp send: 4xx 451 try again": 1}}
                """);

        RunRecord record = RunRecordFiles.read(file);

        assertEquals(9, record.requests().get("smtp send").ok());
        assertNull(record.requests().get("smtp send").koLatency());
        assertNull(record.errorsLeftOut());
        assertNull(record.errorGroups());
        assertNull(record.delivery());
        assertNull(record.connections());
    }

    @Test
    void figuresNoRunCanHaveAreRefusedInOneLine() throws IOException {
        String record = """
                {"formatVersion": 1, "simulation": "MailDay", "target": "t", "runId": "r", "start": "2025-03-01T10:00:00Z",
                 "end": "2025-03-01T10:05:00Z", "requests": {"smtp send": {"count": %s, "ok": 9, "ko": 1, "min": 1.0, "p50": 2.0,
                 "p75": 3.0, "p95": 4.0, "p99": %s, "max": 6.0, "mean": 2.5, "histogram": "AAAA"}},
                 "ledger": {"sent": 10, "accepted": 9, "rejected": 1, "retrieved": 9, "intact": 9, "corrupted": 0, "duplicated": 0, "lost": 0}}
                """;
        for (String[] bad : new String[][] {{"-10", "5.0", "negative count"}, {"10", "\"NaN\"", "latency of NaN"}, {"10", "-5.0", "latency of -5.0"},
                {"100", "5.0", "not its count 100"}, {"10", "99999.0", "outside its min 1.0 and max 6.0"}, {"10.5", "5.0", "10.5"}, {"\"10\"", "5.0", "String value"}}) {
            Path file = Files.writeString(folder.resolve("bad.json"), record.formatted(bad[0], bad[1]));
            io.mailharness.settings.SettingsException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    io.mailharness.settings.SettingsException.class, () -> RunRecordFiles.read(file));
            org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains(bad[2]), refused.getMessage());
        }
        Path twice = Files.writeString(folder.resolve("twice.json"), record.formatted("10", "5.0").replace("\"ko\": 1,", "\"ko\": 1, \"ko\": 0,"));
        org.junit.jupiter.api.Assertions.assertTrue(org.junit.jupiter.api.Assertions.assertThrows(io.mailharness.settings.SettingsException.class,
                () -> RunRecordFiles.read(twice)).getMessage().contains("Duplicate field 'ko'"), "a key given twice is refused");
        Path trailing = Files.writeString(folder.resolve("trailing.json"), record.formatted("10", "5.0") + "}");
        org.junit.jupiter.api.Assertions.assertThrows(io.mailharness.settings.SettingsException.class, () -> RunRecordFiles.read(trailing));
        Path nothing = Files.writeString(folder.resolve("null.json"), "null");
        org.junit.jupiter.api.Assertions.assertThrows(io.mailharness.settings.SettingsException.class, () -> RunRecordFiles.read(nothing));
    }

    @Test
    void everyFieldSurvivesAWriteAndARead() throws IOException {
        RunRecord record = new RunRecord(RunRecord.FORMAT_VERSION, "MailDay", "t", "run-1", "2025-03-01T10:00:00Z", "2025-03-01T10:05:00Z",
                Map.of("users", "10"), new RunRecord.Injector(1, 1, "h", 4, 0.3, 0.5, 0.4),
                Map.of("smtp send", new RequestStats(10, 9, 1, 1, 2, 3, 4, 5, 6, 2.5, "AAAA",
                        new RequestStats.Latency(5000, 5000, 5000, 5000, 5000, 5000, "BBBB"))),
                Map.of("timeout", 1L), new Ledger(10, 9, 1, 9, 9, 0, 0, 0),
                List.of(new MessageTrace("m1", "d", 1, 2, 1, 0)), Map.of("smtp send: timeout", 1L), 0L,
                new CappedList<>(List.of(new ErrorGroup("smtp send", "timeout", null, null, "no reply within <n> ms", 1,
                        "no reply within 5000 ms")), 2),
                new DeliveryCheck(true, 9, 8, 1, 0, 0, 0, 0, 0, 0, DeliveryCheck.SAMPLES_FOLDER, Map.of("annotated", 0L)),
                new RunRecord.Connections(3, 12, 1, 250, 0, 0, 2));
        Path file = folder.resolve(RunRecord.FILE_NAME);

        RunRecordFiles.write(record, file);

        assertEquals(record, RunRecordFiles.read(file));
    }
}
