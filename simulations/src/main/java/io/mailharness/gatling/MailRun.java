package io.mailharness.gatling;

import io.gatling.core.CoreComponents;
import io.mailharness.gatling.client.AccountPool;
import io.mailharness.gatling.client.ConnectionRegistry;
import io.mailharness.gatling.ledger.DeliveryLedger;
import io.mailharness.gatling.ledger.LedgerSamples;
import io.mailharness.gatling.ledger.ProcessedMessages;
import io.mailharness.gatling.protocol.MailProtocol;
import io.mailharness.gatling.protocol.TargetPlanOpener;
import io.mailharness.gatling.record.CpuSampler;
import io.mailharness.gatling.record.LatencyRecorder;
import io.mailharness.gatling.record.RunEnd;
import io.mailharness.settings.Account;
import io.mailharness.settings.SettingsException;
import io.mailharness.settings.TargetSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything one load run shares across its virtual users: the targets it opened (the embedded server, if
 * any), the delivery ledger, the latency recorder, the open connections, message numbering, the executor
 * for blocking I/O and the CPU sampler. Made by the protocol key when Gatling builds the run's protocol
 * components; finished when Gatling shuts the run down (connections of users cut off closed, run-record.json
 * written next to the report, the ledger printed, the embedded server stopped). A simulation needs no base
 * class for any of it.
 */
public final class MailRun {
    private static final Logger LOG = LoggerFactory.getLogger(MailRun.class);

    /** Where blocking mail I/O runs: {@code -Dmailharness.ioThreads=virtual} (default) or {@code platform}. */
    public static final String IO_THREADS_PROPERTY = "mailharness.ioThreads";

    private final String nonce = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
    private final Injector injector = Injector.fromSystem();
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final LedgerSamples samples = new LedgerSamples();
    private final LatencyRecorder recorder = new LatencyRecorder();
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final AtomicLong messageNumber = new AtomicLong();
    private final ProcessedMessages processed = new ProcessedMessages();
    private final AtomicBoolean verdictLogged = new AtomicBoolean();
    private final AtomicLong activeDrains = new AtomicLong();
    private final ExecutorService io = ioExecutor();
    private final Map<String, String> parameters = new TreeMap<>();
    private final Map<List<Account>, AccountPool> pools = new ConcurrentHashMap<>();
    private final TargetPlanOpener targets = new TargetPlanOpener();
    private final CpuSampler cpu = new CpuSampler().start();
    private final ScheduledExecutorService progress;
    private final long startMillis = System.currentTimeMillis();
    private volatile Class<?> simulation;
    private volatile boolean retrieving;
    private volatile boolean finished;
    private volatile Thread signalHook;

    private MailRun() {
        progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mailharness-progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(() -> System.out.println("Mailharness ledger: " + ledger.describe(sendOnly(), ledger.outstanding())),
                5, 5, TimeUnit.SECONDS);
    }

    /** A new run of the Gatling run these core components belong to; it finishes when Gatling shuts that run down. */
    public static MailRun start(CoreComponents core) {
        MailRun run = new MailRun();
        run.signalHook = SignalledStop.install(core, () -> run.parameter(SignalledStop.PARAMETER, "signal"), () -> run.finished, System.out);
        core.actorSystem().registerOnTermination(() -> {
            try {
                run.finish(System.out);
            } catch (RuntimeException e) {
                LOG.error("finishing the mail run failed: {}", e.toString());
            }
            return scala.runtime.BoxedUnit.UNIT;
        });
        return run;
    }

    /**
     * Virtual threads by default: any number of open sessions at little memory. {@code platform}: a cached
     * pool of platform threads, whose blocking reads skip the virtual-thread poller and timer (measurably
     * faster for a few dozen busy sessions, but each open session then holds a thread).
     */
    private static ExecutorService ioExecutor() {
        String mode = System.getProperty(IO_THREADS_PROPERTY, "virtual").trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "virtual" -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mail-io-", 0).factory());
            case "platform" -> Executors.newCachedThreadPool(Thread.ofPlatform().name("mail-io-", 0).daemon(true).factory());
            default -> throw new SettingsException(IO_THREADS_PROPERTY, "must be virtual or platform, got '" + mode + "'");
        };
    }

    private synchronized void parameter(String name, String value) {
        parameters.put(name, value);
    }

    /** What a protocol of this run tells about the run: the simulation that built it, parameters for the record, whether it retrieves. */
    public synchronized void describe(MailProtocol protocol, boolean sendOnly) {
        if (simulation == null) simulation = protocol.simulation();
        parameters.putAll(protocol.parameters());
        if (!sendOnly) retrieving = true;
    }

    /** Send-only: no protocol of the run retrieves what it sends. */
    public boolean sendOnly() {
        return !retrieving;
    }

    /** The settings a protocol's target plan opens to in this run; plans of one source share one opened target (one embedded server). */
    public TargetSettings target(io.mailharness.gatling.protocol.TargetPlan plan) {
        if (finished) throw new IllegalStateException("the run is over");
        return targets.open(plan);
    }

    public Injector injector() {
        return injector;
    }

    public DeliveryLedger ledger() {
        return ledger;
    }

    /** Samples of the deliveries retrieved not intact, written beside the run record. */
    public LedgerSamples samples() {
        return samples;
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
    public AccountPool maildropPool(List<Account> accounts) {
        return pools.computeIfAbsent(accounts, AccountPool::new);
    }

    /** The next message number of this run, from 0. */
    public long nextMessageNumber() {
        return messageNumber.getAndIncrement();
    }

    /** A harness id unique across runs and injectors: {@code mh-<nonce>-<injector>-<number>}. */
    public String messageId(long number) {
        return "mh-" + nonce + "-" + injector.index() + "-" + number;
    }

    /** The messages POP3 readers have processed and deleted, by maildrop and unique-id. */
    public ProcessedMessages processed() {
        return processed;
    }

    /** A drain begins; drains running side by side (one per protocol) give one verdict, by the last to finish. */
    public void drainStarted() {
        activeDrains.incrementAndGet();
    }

    /** A drain ended; true for the last one running, once per run: it logs the ledger verdict. */
    public boolean drainFinished() {
        return activeDrains.decrementAndGet() == 0 && verdictLogged.compareAndSet(false, true);
    }

    public boolean isFinished() {
        return finished;
    }

    /**
     * Ends the run: closes connections left by users cut off, stops the I/O and the samplers, prints the
     * ledger, writes run-record.json into the Gatling run folder and stops the embedded server. Returns the
     * record file, if written. Only the first call does anything.
     */
    public Optional<Path> finish(PrintStream out) {
        synchronized (this) {
            if (finished) return Optional.empty();
            finished = true;
        }
        long endMillis = System.currentTimeMillis();
        progress.shutdownNow();
        recorder.close();
        int leftovers = connections.closeAll();
        io.shutdown();
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdownNow();
        connections.awaitSocketsClosed(java.time.Duration.ofSeconds(2));
        cpu.close();
        try {
            RunEnd end = new RunEnd(simulation, targets.firstName(), injector, startMillis, endMillis, parameters, ledger, samples,
                    !retrieving, recorder, connections, leftovers, cpu);
            end.printSummary(out);
            return end.writeRecord();
        } finally {
            targets.close();
            if (signalHook != null) SignalledStop.remove(signalHook);
        }
    }
}
