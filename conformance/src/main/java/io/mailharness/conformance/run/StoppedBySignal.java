package io.mailharness.conformance.run;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A conformance run stopped by SIGTERM or Ctrl-C keeps the verdicts it reached. The JVM exits as soon as its shutdown
 * hooks return, so this hook writes the results of the checks finished so far (the others as not finished) before it
 * returns. Whichever comes first, the run's own end or the signal, writes the results; the other waits for it.
 */
public final class StoppedBySignal implements AutoCloseable {
    /** Why a check has no verdict in a run stopped this way. */
    public static final String REASON = "the run was stopped by a signal";
    /** How long a signal waits for the run's own end to finish writing its results. */
    private static final long WAIT_SECONDS = 30;

    private final AtomicBoolean writing = new AtomicBoolean();
    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;

    private StoppedBySignal(Runnable writeSoFar, PrintStream err) {
        this.hook = new Thread(() -> {
            if (writing.compareAndSet(false, true)) {
                err.println("mailharness conformance: stopping on a signal: the checks finished so far are written, the others as not finished");
                try {
                    writeSoFar.run();
                } catch (RuntimeException e) {
                    err.println("mailharness conformance: the results could not be written: " + e.getMessage());
                } finally {
                    written.countDown();
                }
            } else {
                awaitWritten();
            }
            err.flush();
        }, "mailharness-conformance-signal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Installs the hook for one run; {@code writeSoFar} writes its results as they stand. */
    public static StoppedBySignal install(Runnable writeSoFar, PrintStream err) {
        return new StoppedBySignal(writeSoFar, err);
    }

    /**
     * Called at the run's own end, before it writes its results: true when it is to write them, false when a signal
     * got there first (the results are then being written as they stood, and the process is exiting).
     */
    public boolean endedByItself() {
        if (writing.compareAndSet(false, true)) return true;
        awaitWritten();
        return false;
    }

    private void awaitWritten() {
        try {
            written.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run's results are written: a signal need not wait any more, and the hook goes. */
    @Override
    public void close() {
        written.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal is being handled: the hook is running and returns at once, as everything is written
        }
    }
}
