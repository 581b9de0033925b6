package io.mailharness.gatling.netty;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * The deadline of the step a connection waits on, on the connection's event loop. Arming moves the deadline and
 * disarming clears it without touching the timer: one timer at most is pending per connection, and when it fires
 * before the deadline it re-arms itself for what is left. Steps come thousands of times a second; a cancel and a new
 * timer for each would cost more than the step. Only a deadline earlier than the pending timer replaces it.
 */
final class StepDeadline implements Runnable {
    private final EventExecutor loop;
    private final Runnable onExpiry;
    private long deadlineNanos;
    private boolean armed;
    private ScheduledFuture<?> timer;
    private long timerAtNanos;

    StepDeadline(EventExecutor loop, Runnable onExpiry) {
        this.loop = loop;
        this.onExpiry = onExpiry;
    }

    /** The step now waiting must end within {@code nanos} from now. */
    void arm(long nanos) {
        long now = System.nanoTime();
        deadlineNanos = now + nanos;
        armed = true;
        if (timer == null) {
            schedule(now, nanos);
        } else if (deadlineNanos - timerAtNanos < 0) {
            timer.cancel(false);
            schedule(now, nanos);
        }
    }

    void disarm() {
        armed = false;
    }

    /** Stops the pending timer for good (the connection is closed). */
    void stop() {
        armed = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void run() {
        timer = null;
        if (!armed) return;
        long now = System.nanoTime();
        long left = deadlineNanos - now;
        if (left > 0) {
            schedule(now, left);
        } else {
            armed = false;
            onExpiry.run();
        }
    }

    private void schedule(long now, long nanos) {
        timerAtNanos = now + nanos;
        timer = loop.schedule(this, nanos, TimeUnit.NANOSECONDS);
    }
}
