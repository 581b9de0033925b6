package io.mailharness.gatling;

import io.gatling.core.CoreComponents;
import scala.concurrent.duration.FiniteDuration;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A load run stopped by SIGTERM or Ctrl-C keeps what it measured. The JVM exits as soon as its shutdown hooks return,
 * so this hook ends the simulation as if its max duration had been reached (Gatling then flushes its statistics, the
 * run record is written and the reports are generated) and waits, boundedly, until the launcher says the run's
 * results are written. Messages still awaiting retrieval then count as lost, so the record says the run was stopped.
 */
public final class SignalledStop {
    /** How long a signal waits for the run to end and its reports to be written before the JVM exits anyway. */
    static final long WAIT_SECONDS = 120;
    /** The run-record parameter that tells a run stopped by a signal. */
    public static final String PARAMETER = io.mailharness.record.RunRecord.STOPPED_BY;

    /** Counted down by the launcher once the current run's results are written; one per run. */
    private static volatile CountDownLatch resultsWritten = new CountDownLatch(1);

    private SignalledStop() {}

    /**
     * Installs the hook for the run Gatling runs with these components; {@code onSignal} runs first (it marks the
     * record). Returns the hook, for {@link #remove} once the run record is written.
     */
    static Thread install(CoreComponents core, Runnable onSignal, BooleanSupplier finished, PrintStream out) {
        CountDownLatch written = new CountDownLatch(1);
        resultsWritten = written;
        Thread hook = new Thread(() -> {
            if (written.getCount() == 0) return; // a normal exit: everything is written
            if (!finished.getAsBoolean()) {
                out.println("mailharness load: stopping on a signal: the run ends now, and what it measured is kept");
                onSignal.run();
                core.controller().$bang(new io.gatling.core.controller.Controller$Command$MaxDurationReached(FiniteDuration.apply(0, TimeUnit.SECONDS)));
            }
            try {
                if (!written.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    out.println("mailharness load: the run's results were not all written within " + WAIT_SECONDS + " s of the signal");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.flush();
        }, "mailharness-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** The run is over and its record written: the hook goes, so that runs in one JVM do not pile up hooks. */
    static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal is being handled: the hook is running, and waits for the launcher
        }
    }

    /** The launcher has written everything a run leaves (or the run could not start): a signal need not wait. */
    public static void resultsWritten() {
        resultsWritten.countDown();
    }
}
