package io.mailharness.conformance.check;

import io.mailharness.settings.TargetSettings;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Targets opened in this JVM (by {@code ConformanceRunner} or a proving test), handed to the checks by a key
 * in the {@link SuiteParameters#TARGET_REF} configuration parameter.
 */
public final class TargetRegistry {
    private static final Map<String, TargetSettings> TARGETS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong(1);

    private TargetRegistry() {}

    /** Registers a target and returns its key. */
    public static String register(TargetSettings settings) {
        String key = settings.name() + "#" + NEXT.getAndIncrement();
        TARGETS.put(key, settings);
        return key;
    }

    public static Optional<TargetSettings> lookup(String key) {
        return Optional.ofNullable(TARGETS.get(key));
    }

    public static void unregister(String key) {
        TARGETS.remove(key);
    }
}
