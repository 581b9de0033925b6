package io.mailharness.gatling.action;

import io.mailharness.gatling.client.ConnectionRegistry;
import io.mailharness.gatling.protocol.MailComponents;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A user's connection attempts: after one failed (refused, timed out, or a handshake or login refused),
 * the next waits out the target's reconnection back-off, with jitter, so that the users of a server that is
 * down do not retry in a tight loop and flood the report with refusals. A usable session resets it.
 */
final class ConnectAttempts {
    private ConnectAttempts() {}

    /** How long this user's attempt must wait, as its failed attempts call for; a wait is counted as waited. */
    static Duration delay(MailComponents components, long user) {
        ConnectionRegistry registry = components.run().connections();
        int failures = registry.failedAttempts(user);
        if (failures == 0) return Duration.ZERO;
        Duration wait = components.target().reconnect().delay(failures, ThreadLocalRandom.current().nextDouble());
        if (!wait.isZero()) registry.waited(wait);
        return wait;
    }

    /** Waits before this user's attempt as long as its failed attempts call for (on this blocking-I/O thread). */
    static void awaitTurn(MailComponents components, long user) {
        Duration wait = delay(components, user);
        if (wait.isZero()) return;
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run is ending: the attempt that follows is cut off
        }
    }

    static void failed(MailComponents components, long user) {
        components.run().connections().attemptFailed(user);
    }

    static void succeeded(MailComponents components, long user) {
        components.run().connections().attemptSucceeded(user);
    }
}
