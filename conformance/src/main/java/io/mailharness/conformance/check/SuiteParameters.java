package io.mailharness.conformance.check;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.Optional;

/**
 * The JUnit configuration parameters the suite reads (set by {@code ConformanceRunner}, by a proving test,
 * or in {@code junit-platform.properties}).
 *
 * @param targetRef  the key of a target in the {@link TargetRegistry}; absent: the target comes from
 *                   -Dmailharness.target.file / MAILHARNESS_* or is the embedded default
 * @param strict     a WARN fails the JUnit test too
 * @param silence    how long "no bytes arrive" is watched for
 * @param closeWait  how long a check waits for a server-side close
 * @param deliveryWait how long a check waits for a message to show up in a maildrop
 * @param leaseWait  how long a check waits for the maildrops it needs while other checks hold them ({@link MaildropLeases})
 */
public record SuiteParameters(Optional<String> targetRef, boolean strict, Duration silence, Duration closeWait,
                              Duration deliveryWait, Duration leaseWait) {
    public static final String TARGET_REF = "mailharness.conformance.target-ref";
    public static final String STRICT = "mailharness.conformance.strict";
    public static final String SILENCE = "mailharness.conformance.silence-ms";
    public static final String CLOSE_WAIT = "mailharness.conformance.close-wait-ms";
    public static final String DELIVERY_WAIT = "mailharness.conformance.delivery-wait-ms";
    public static final String LEASE_WAIT = "mailharness.conformance.lease-wait-ms";
    /**
     * The IDs of the run's checks, comma-separated, that its {@link Check#EVERY_MAILDROP} checks run after (set by the
     * suite runner; absent: those run as soon as every account is free).
     */
    public static final String CHECKS_BEFORE_LAST = "mailharness.conformance.checks-before-last";
    /** How many checks run at once (1: one after the other). */
    public static final String PARALLELISM = "mailharness.conformance.parallelism";

    public static SuiteParameters from(ExtensionContext context) {
        return new SuiteParameters(
                context.getConfigurationParameter(TARGET_REF).filter(s -> !s.isBlank()),
                context.getConfigurationParameter(STRICT).map(Boolean::parseBoolean).orElse(false),
                millis(context, SILENCE, 1_000),
                millis(context, CLOSE_WAIT, 3_000),
                millis(context, DELIVERY_WAIT, 10_000),
                millis(context, LEASE_WAIT, 300_000));
    }

    private static Duration millis(ExtensionContext context, String key, long fallback) {
        return Duration.ofMillis(context.getConfigurationParameter(key).map(Long::parseLong).orElse(fallback));
    }
}
