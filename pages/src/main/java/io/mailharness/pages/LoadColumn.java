package io.mailharness.pages;

import io.mailharness.record.RunRecord;

import java.util.Objects;
import java.util.Optional;

/**
 * One server of the load comparison: its run record, or the reason it has none.
 *
 * @param name              the column's name (the target's name, made unique)
 * @param version           the server's exact version, empty when unknown
 * @param record            the run record, empty when the server was unavailable
 * @param unavailableReason why there is no record; empty when there is one
 */
public record LoadColumn(String name, String version, Optional<RunRecord> record, String unavailableReason) {
    public LoadColumn {
        Objects.requireNonNull(name, "name");
        version = version == null ? "" : version;
        unavailableReason = unavailableReason == null ? "" : unavailableReason;
    }

    public static LoadColumn of(String name, String version, RunRecord record) {
        return new LoadColumn(name, version, Optional.of(record), "");
    }

    public static LoadColumn unavailable(String name, String version, String reason) {
        return new LoadColumn(name, version, Optional.empty(), reason.isBlank() ? "no run record" : reason);
    }

    public boolean available() {
        return record.isPresent();
    }
}
