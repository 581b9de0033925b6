package io.mailharness.gatling.protocol;

import io.mailharness.settings.MailTarget;
import io.mailharness.settings.TargetSettings;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The targets one run has opened, by source: every plan aimed at the embedded default shares one server,
 * started on first use and stopped when the run closes this.
 */
public final class TargetPlanOpener implements AutoCloseable {
    private final Map<Object, MailTarget> opened = new LinkedHashMap<>();
    private String firstName;

    public synchronized TargetSettings open(TargetPlan plan) {
        MailTarget target = opened.computeIfAbsent(plan.source(), k -> plan.openSource());
        TargetSettings settings = plan.apply(target.settings());
        if (firstName == null) firstName = settings.name();
        return settings;
    }

    /** The name of the first target opened, the one a run record names. */
    public synchronized String firstName() {
        return firstName == null ? "unknown" : firstName;
    }

    @Override
    public synchronized void close() {
        for (MailTarget target : opened.values()) {
            try {
                target.close();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(TargetPlanOpener.class).warn("{}", e.getMessage());
            }
        }
        opened.clear();
    }
}
