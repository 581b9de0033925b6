package io.mailharness.settings;

import java.time.Duration;

/** Bounds for every protocol step: opening a connection and waiting for any reply. */
public record Timeouts(Duration connect, Duration read) {
    public static Timeouts defaults() {
        return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
}
