package io.mailharness.conformance.check;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of the messages the smuggling rows of one run hid in their data. E2E-ONEMSG judges only these: a smuggled
 * message left in a maildrop by an earlier run is that run's finding, and a clean start deletes it like any other
 * leftover.
 */
public final class SmuggledMessages {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SmuggledMessages.class);

    private final Set<String> hidden = ConcurrentHashMap.newKeySet();

    /** The record of the run {@code context} belongs to, made on first use. */
    static SmuggledMessages of(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SmuggledMessages.class, k -> new SmuggledMessages(), SmuggledMessages.class);
    }

    /** A smuggling row hid a message with this harness id in its data. */
    public void hidden(String id) {
        hidden.add(id);
    }

    /** Whether a smuggling row of this run hid the message with this harness id. */
    public boolean hiddenThisRun(String id) {
        return hidden.contains(id);
    }
}
