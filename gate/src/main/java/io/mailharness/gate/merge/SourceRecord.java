package io.mailharness.gate.merge;

import io.mailharness.record.RunRecord;

/** A run record to merge and the name it is reported under (its file), for one-line errors. */
public record SourceRecord(String name, RunRecord record) {}
