package io.mailharness.gate.input;

import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;

import java.nio.file.Path;
import java.util.Map;

/** Reads a run record a user named and checks what the reports rely on beyond what the reader checks. */
public final class RunRecordInput {
    private RunRecordInput() {}

    public static RunRecord read(Path file) {
        RunRecord record = RunRecordFiles.read(file);
        for (Map.Entry<String, ?> request : record.requests().entrySet()) {
            if (request.getValue() == null) {
                throw new BadInput("run record " + file + " is malformed: request '" + request.getKey() + "' has no statistics");
            }
        }
        return record;
    }
}
