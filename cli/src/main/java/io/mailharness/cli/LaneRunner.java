package io.mailharness.cli;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs lanes side by side, at most {@code parallel} at once (those with the most targets first, the others in
 * their order), the targets of one lane one after another. The
 * first failure stops the rest: running lanes are interrupted (a child run stops its process then) and no
 * further target starts.
 */
final class LaneRunner {
    /** The work for one target of a lane. */
    @FunctionalInterface
    interface Job {
        void run(String target) throws IOException, InterruptedException;
    }

    private static final long STOP_WAIT_SECONDS = 30;

    private LaneRunner() {}

    static void run(List<List<String>> lanes, int parallel, Job job) throws IOException, InterruptedException {
        if (parallel < 1) throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        if (lanes.isEmpty()) return;
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, lanes.size()),
                task -> {
                    Thread thread = new Thread(task, "compare-servers-lane-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(pool);
        try {
            // The longest lanes first, so a long lane does not start last and leave the other slots idle at the end.
            List<List<String>> longestFirst = lanes.stream().sorted(Comparator.comparingInt(List<String>::size).reversed()).toList();
            for (List<String> lane : longestFirst) {
                done.submit(() -> {
                    for (String target : lane) {
                        if (Thread.currentThread().isInterrupted()) throw new InterruptedException("stopped before " + target);
                        job.run(target);
                    }
                    return null;
                });
            }
            for (int i = 0; i < lanes.size(); i++) done.take().get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } finally {
            pool.shutdownNow();
            // Each lane stops its child within seconds once interrupted; the threads are daemons should one not.
            pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static IOException rethrown(Throwable cause) throws InterruptedException {
        if (cause instanceof IOException io) return io;
        if (cause instanceof InterruptedException interrupted) throw interrupted;
        if (cause instanceof RuntimeException runtime) throw runtime;
        if (cause instanceof Error error) throw error;
        return new IOException(cause);
    }
}
