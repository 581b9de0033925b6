package io.mailharness.settings;

import java.time.Duration;

/**
 * How long a virtual user whose connection attempt failed waits before its next one: {@code initial}
 * after the first failure, doubling with each further failure up to {@code max}, each wait drawn at random
 * between half and all of that (jitter), so that users refused together do not come back together.
 * A successful connection starts the count again.
 */
public record ReconnectBackoff(Duration initial, Duration max) {
    public static final Duration DEFAULT_INITIAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(5);

    public ReconnectBackoff {
        if (initial.isNegative() || max.isNegative()) throw new IllegalArgumentException("back-off durations must not be negative");
        if (max.compareTo(initial) < 0) throw new IllegalArgumentException("the longest back-off is shorter than the first: " + max + " < " + initial);
    }

    public static ReconnectBackoff defaults() {
        return new ReconnectBackoff(DEFAULT_INITIAL, DEFAULT_MAX);
    }

    /**
     * The wait before the next attempt after {@code failures} failed attempts in a row (0: none), given a
     * {@code random} number in [0, 1).
     */
    public Duration delay(int failures, double random) {
        if (failures <= 0 || initial.isZero()) return Duration.ZERO;
        long ceiling = max.toMillis();
        long base = initial.toMillis();
        for (int i = 1; i < failures && base < ceiling; i++) base *= 2;
        base = Math.min(base, ceiling);
        return Duration.ofMillis(base / 2 + (long) (random * (base - base / 2)));
    }
}
