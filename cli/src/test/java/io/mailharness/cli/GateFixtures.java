package io.mailharness.cli;

import io.mailharness.gate.TestRuns;
import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Run records on disk for the gate commands' tests (the records themselves come from the gate's TestRuns). */
final class GateFixtures {
    private GateFixtures() {}

    static Path write(Path folder, String subfolder, RunRecord record) throws IOException {
        Path file = folder.resolve(subfolder).resolve(RunRecord.FILE_NAME);
        Files.createDirectories(file.getParent());
        RunRecordFiles.write(record, file);
        return file;
    }

    /** The run with its "smtp send" p95 made {@code factor} times slower. */
    static RunRecord slowerP95(RunRecord run, double factor) {
        Map<String, RequestStats> requests = new LinkedHashMap<>(run.requests());
        requests.put("smtp send", TestRuns.withP95(requests.get("smtp send"), factor));
        return TestRuns.withRequests(run, requests);
    }
}
