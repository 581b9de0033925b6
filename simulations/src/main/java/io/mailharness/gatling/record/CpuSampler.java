package io.mailharness.gatling.record;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples this process's CPU use (and the machine's) once a second, so that a run record shows whether
 * the injector itself was the bottleneck. Values are 0..1 of all cores. Also keeps the peak heap use.
 */
public final class CpuSampler implements AutoCloseable {
    private final com.sun.management.OperatingSystemMXBean os;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mailharness-cpu");
        t.setDaemon(true);
        return t;
    });
    private final java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private double processSum, machineSum, peak;
    private long heapUsedPeak, heapCommittedPeak;
    private int samples;
    private long processCpuNanosAtStart = -1;

    public CpuSampler() {
        this.os = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean o ? o : null;
    }

    public CpuSampler start() {
        if (os != null) {
            os.getProcessCpuLoad(); // the first reading primes the counters
            processCpuNanosAtStart = os.getProcessCpuTime();
            timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        }
        return this;
    }

    private synchronized void sample() {
        java.lang.management.MemoryUsage heap = memory.getHeapMemoryUsage();
        heapUsedPeak = Math.max(heapUsedPeak, heap.getUsed());
        heapCommittedPeak = Math.max(heapCommittedPeak, heap.getCommitted());
        double process = os.getProcessCpuLoad();
        double machine = os.getCpuLoad();
        if (process < 0) return;
        samples++;
        processSum += process;
        machineSum += Math.max(0, machine);
        peak = Math.max(peak, process);
    }

    public synchronized double average() {
        return samples == 0 ? 0 : round(processSum / samples);
    }

    public synchronized double peak() {
        return round(peak);
    }

    /** The most heap in use at a sample (live objects and garbage not yet collected), in bytes. */
    public synchronized long heapUsedPeak() {
        return heapUsedPeak;
    }

    /** The most heap the JVM had reserved at a sample, in bytes. */
    public synchronized long heapCommittedPeak() {
        return heapCommittedPeak;
    }

    /** CPU time (user + system) this process spent since {@link #start()}, in seconds; null when the JVM cannot tell. */
    public synchronized Double processCpuSeconds() {
        if (os == null || processCpuNanosAtStart < 0) return null;
        long now = os.getProcessCpuTime();
        return now < 0 ? null : round((now - processCpuNanosAtStart) / 1e9);
    }

    public synchronized double machineAverage() {
        return samples == 0 ? 0 : round(machineSum / samples);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
