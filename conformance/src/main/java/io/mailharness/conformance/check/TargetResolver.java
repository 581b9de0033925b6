package io.mailharness.conformance.check;

import io.mailharness.settings.MailTarget;
import io.mailharness.settings.TargetSettings;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Finds the target for a run: a registered one by key, or else the one the system properties and
 * environment select (the embedded default when none is), opened once per run and closed at its end.
 */
final class TargetResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TargetResolver.class);

    private TargetResolver() {}

    static TargetSettings resolve(ExtensionContext context, SuiteParameters parameters) {
        if (parameters.targetRef().isPresent()) {
            String key = parameters.targetRef().get();
            return TargetRegistry.lookup(key).orElseThrow(() -> new ExtensionConfigurationException(
                    "no target registered under '" + key + "' (" + SuiteParameters.TARGET_REF + ")"));
        }
        OpenedTarget opened = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(OpenedTarget.class, k -> new OpenedTarget(MailTarget.open()), OpenedTarget.class);
        return opened.target.settings();
    }

    /** Closes the target (stops the embedded server) when the run ends. */
    @SuppressWarnings("deprecation")
    private static final class OpenedTarget implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final MailTarget target;
        private boolean closed;

        OpenedTarget(MailTarget target) {
            this.target = target;
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            target.close();
        }
    }
}
