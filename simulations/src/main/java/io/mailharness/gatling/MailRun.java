package io.mailharness.gatling;

import io.mailharness.gatling.client.ConnectionRegistry;
import io.mailharness.gatling.ledger.DeliveryLedger;
import io.mailharness.gatling.record.CpuSampler;
import io.mailharness.gatling.record.LatencyRecorder;
import io.mailharness.gatling.record.RunFolders;
import io.mailharness.record.Ledger;
import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import io.mailharness.settings.MailTarget;
import io.mailharness.settings.TargetSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything one load run shares across its virtual users: the target, the delivery ledger, the latency
 * recorder, the open connections, message numbering, the executor for blocking I/O, and the run record
 * written at the end. A simulation extending {@link MailSimulation} gets a fresh one per run.
 */
public final class MailRun {
    private static final Logger LOG = LoggerFactory.getLogger(MailRun.class);
    private static MailRun current;

    private final String nonce = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
    private final Injector injector = Injector.fromSystem();
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final LatencyRecorder recorder = new LatencyRecorder();
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final AtomicLong messageNumber = new AtomicLong();
    private final Set<String> processedUids = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean verdictLogged = new AtomicBoolean();
    private final AtomicLong activeDrains = new AtomicLong();
    private final ExecutorService io = ioExecutor();
    private final Map<String, String> parameters = new TreeMap<>();
    private final Map<java.util.List<io.mailharness.settings.Account>, io.mailharness.gatling.client.AccountPool> pools = new ConcurrentHashMap<>();
    private Class<?> simulation;
    private MailTarget target;
    private CpuSampler cpu;
    private ScheduledExecutorService progress;
    private volatile long startMillis = System.currentTimeMillis();
    private volatile boolean finished;
    private volatile int closedAtEnd;

    private MailRun() {}

    /** Where blocking mail I/O runs: {@code -Dmailharness.ioThreads=virtual} (default) or {@code platform}. */
    public static final String IO_THREADS_PROPERTY = "mailharness.ioThreads";

    /**
     * Virtual threads by default: any number of open sessions at little memory. {@code platform}: a cached
     * pool of platform threads, whose blocking reads skip the virtual-thread poller and timer (measurably
     * faster for a few dozen busy sessions, but each open session then holds a thread).
     */
    private static ExecutorService ioExecutor() {
        String mode = System.getProperty(IO_THREADS_PROPERTY, "virtual").trim().toLowerCase(java.util.Locale.ROOT);
        return switch (mode) {
            case "virtual" -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mail-io-", 0).factory());
            case "platform" -> Executors.newCachedThreadPool(Thread.ofPlatform().name("mail-io-", 0).daemon(true).factory());
            default -> throw new io.mailharness.settings.SettingsException(IO_THREADS_PROPERTY, "must be virtual or platform, got '" + mode + "'");
        };
    }

    /** The run in progress, created on first use. */
    public static synchronized MailRun current() {
        if (current == null || current.finished) current = new MailRun();
        return current;
    }

    /** A new run for {@code simulation}; a previous unfinished run in this JVM is finished first. */
    public static synchronized MailRun fresh(Class<?> simulation) {
        if (current != null && !current.finished) current.finish(System.out);
        current = new MailRun();
        current.simulation = simulation;
        return current;
    }

    /** The target from the system properties and environment; the embedded server starts on first use and stops with the run. */
    public synchronized TargetSettings target() {
        if (target == null) target = MailTarget.open();
        return target.settings();
    }

    public boolean targetIsEmbedded() {
        return target != null && target.isEmbedded();
    }

    public Injector injector() {
        return injector;
    }

    public DeliveryLedger ledger() {
        return ledger;
    }

    public LatencyRecorder recorder() {
        return recorder;
    }

    public ConnectionRegistry connections() {
        return connections;
    }

    public ExecutorService io() {
        return io;
    }

    /**
     * The maildrop pool for a set of accounts: one per run, whatever the number of scenarios (Gatling makes
     * protocol components per scenario), so that readers and the drain never hold the same maildrop.
     */
    public io.mailharness.gatling.client.AccountPool maildropPool(java.util.List<io.mailharness.settings.Account> accounts) {
        return pools.computeIfAbsent(accounts, io.mailharness.gatling.client.AccountPool::new);
    }

    /** The next message number of this run, from 0. */
    public long nextMessageNumber() {
        return messageNumber.getAndIncrement();
    }

    /** A harness id unique across runs and injectors: {@code mh-<nonce>-<injector>-<number>}. */
    public String messageId(long number) {
        return "mh-" + nonce + "-" + injector.index() + "-" + number;
    }

    /** Marks a message in a maildrop as processed (by its unique-id); false if it already was. */
    public boolean markProcessed(String maildrop, String uid) {
        return processedUids.add(maildrop.toLowerCase(java.util.Locale.ROOT) + "\u0000" + uid);
    }

    public boolean isProcessed(String maildrop, String uid) {
        return processedUids.contains(maildrop.toLowerCase(java.util.Locale.ROOT) + "\u0000" + uid);
    }

    /** A drain begins; drains running side by side (one per protocol) give one verdict, by the last to finish. */
    public void drainStarted() {
        activeDrains.incrementAndGet();
    }

    /** A drain ended; true for the last one running, once per run: it logs the ledger verdict. */
    public boolean drainFinished() {
        return activeDrains.decrementAndGet() == 0 && verdictLogged.compareAndSet(false, true);
    }

    /** Connections still open when the run finished (users cut off), closed by {@link #finish}. */
    public int closedAtEnd() {
        return closedAtEnd;
    }

    /** A run parameter for the run record (credentials never go here). */
    public void parameter(String name, Object value) {
        parameters.put(name, String.valueOf(value));
    }

    /** Starts the clock, the CPU sampler and the console progress line. */
    public synchronized void begin() {
        startMillis = System.currentTimeMillis();
        cpu = new CpuSampler().start();
        progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mailharness-progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(() -> System.out.println("Mailharness ledger: "
                + DeliveryLedger.describe(ledger.snapshot(), ledger.outstanding())), 5, 5, TimeUnit.SECONDS);
    }

    /**
     * Ends the run: closes connections left by users cut off, writes run-record.json into the Gatling run
     * folder, prints the ledger, stops the embedded server. Returns the record file, if written.
     */
    public synchronized Optional<Path> finish(PrintStream out) {
        if (finished) return Optional.empty();
        finished = true;
        long endMillis = System.currentTimeMillis();
        if (progress != null) progress.shutdownNow();
        int leftovers = connections.closeAll();
        closedAtEnd = leftovers;
        io.shutdown();
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdownNow();
        if (cpu != null) cpu.close();
        Ledger l = ledger.snapshot();
        out.println("Mailharness ledger (final): " + DeliveryLedger.describe(l, -1)
                + (ledger.untracked() > 0 ? " (" + ledger.untracked() + " accepted without delivery tracking: retrieval side not checked)" : "")
                + (ledger.foreign() > 0 ? " (+" + ledger.foreign() + " harness deliveries sent elsewhere: traced for a merge, not counted here)" : "")
                + (leftovers > 0 ? "; closed " + leftovers + " connections of users cut off" : ""));
        out.println("Mailharness injector: peak open connections " + connections.peakOpen()
                + (cpu == null ? "" : ", peak heap used " + cpu.heapUsedPeak() / (1024 * 1024) + " MiB (committed "
                + cpu.heapCommittedPeak() / (1024 * 1024) + " MiB of max " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)"));
        Optional<Path> written = Optional.empty();
        if (simulation != null) {
            Path folder = RunFolders.resultsFolder();
            Optional<Path> runDir = RunFolders.newestRun(folder, RunFolders.simulationId(simulation), startMillis);
            if (runDir.isPresent()) {
                Path file = runDir.get().resolve(RunRecord.FILE_NAME);
                try {
                    RunRecordFiles.write(record(runDir.get().getFileName().toString(), endMillis, l), file);
                    written = Optional.of(file);
                } catch (IOException e) {
                    LOG.warn("could not write {}: {}", file, e.getMessage());
                }
            } else {
                LOG.warn("no Gatling run folder for {} under {}: run-record.json not written", simulation.getSimpleName(), folder);
            }
        }
        if (target != null) target.close();
        return written;
    }

    RunRecord record(String runId, long endMillis, Ledger l) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        RunRecord.Injector who = new RunRecord.Injector(injector.index(), injector.count(), host,
                Runtime.getRuntime().availableProcessors(), cpu == null ? 0 : cpu.average(), cpu == null ? 0 : cpu.peak(),
                cpu == null ? 0 : cpu.machineAverage());
        Map<String, String> params = new TreeMap<>(parameters);
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("mailharness.") && !k.contains("password") && !k.contains("secret"))
                .filter(k -> !k.equals(RunFolders.RESULTS_FOLDER_PROPERTY))
                .forEach(k -> params.putIfAbsent(k, System.getProperty(k)));
        String targetName = target == null ? "unknown" : target.settings().name();
        return new RunRecord(RunRecord.FORMAT_VERSION, simulation.getSimpleName(), targetName, runId,
                Instant.ofEpochMilli(startMillis).toString(), Instant.ofEpochMilli(endMillis).toString(),
                params, who, recorder.requestStats(), recorder.errorsByReplyClass(), l, ledger.traces(),
                recorder.errors(RunRecord.ERRORS_KEPT));
    }
}
