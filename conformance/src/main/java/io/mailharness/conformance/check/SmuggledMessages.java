package io.mailharness.conformance.check;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of the messages the smuggling rows of one run hid in their data, each with the row that hid it. E2E-ONEMSG
 * judges only these: a smuggled message left in a maildrop by an earlier run is that run's finding, and a clean start
 * deletes it like any other leftover. Nor does it judge one whose row failed: that row has reported the hole already,
 * and whether its message arrived before the row's clean-up or after is timing, not a second finding.
 */
public final class SmuggledMessages {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SmuggledMessages.class);

    private final Map<String, String> hiddenBy = new ConcurrentHashMap<>();
    private final Set<String> failedRows = ConcurrentHashMap.newKeySet();

    /** The record of the run {@code context} belongs to, made on first use. */
    static SmuggledMessages of(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SmuggledMessages.class, k -> new SmuggledMessages(), SmuggledMessages.class);
    }

    /** The smuggling row {@code row} hid a message with this harness id in its data. */
    public void hidden(String id, String row) {
        hiddenBy.put(id, row);
    }

    /** Whether a smuggling row of this run hid the message with this harness id. */
    public boolean hiddenThisRun(String id) {
        return hiddenBy.containsKey(id);
    }

    /** The check {@code row} has failed (recorded before the checks that run last start). */
    void failed(String row) {
        failedRows.add(row);
    }

    /** The row that hid the message with this harness id, if that row failed: the hole is its finding already. */
    public Optional<String> reportedBy(String id) {
        return Optional.ofNullable(hiddenBy.get(id)).filter(failedRows::contains);
    }
}
