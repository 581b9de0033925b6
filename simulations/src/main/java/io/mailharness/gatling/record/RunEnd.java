package io.mailharness.gatling.record;

import io.mailharness.gatling.Injector;
import io.mailharness.gatling.client.ConnectionRegistry;
import io.mailharness.gatling.ledger.DeliveryLedger;
import io.mailharness.gatling.ledger.LedgerSamples;
import io.mailharness.record.Ledger;
import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a finished run leaves behind: the final ledger and injector lines on the console, and
 * run-record.json in the Gatling run folder.
 */
public final class RunEnd {
    private static final Logger LOG = LoggerFactory.getLogger(RunEnd.class);

    private final Class<?> simulation;
    private final String targetName;
    private final Injector injector;
    private final long startMillis;
    private final long endMillis;
    private final Map<String, String> parameters;
    private final DeliveryLedger ledger;
    private final LedgerSamples samples;
    private final boolean sendOnly;
    private final LatencyRecorder recorder;
    private final ConnectionRegistry connections;
    private final int closedAtEnd;
    private final CpuSampler cpu;
    private final Ledger finalLedger;

    public RunEnd(Class<?> simulation, String targetName, Injector injector, long startMillis, long endMillis, Map<String, String> parameters,
                  DeliveryLedger ledger, LedgerSamples samples, boolean sendOnly, LatencyRecorder recorder, ConnectionRegistry connections,
                  int closedAtEnd, CpuSampler cpu) {
        this.simulation = simulation;
        this.targetName = targetName;
        this.injector = injector;
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.parameters = parameters;
        this.ledger = ledger;
        this.samples = samples;
        this.sendOnly = sendOnly;
        this.recorder = recorder;
        this.connections = connections;
        this.closedAtEnd = closedAtEnd;
        this.cpu = cpu;
        this.finalLedger = ledger.snapshot();
    }

    public void printSummary(PrintStream out) {
        out.println("Mailharness ledger (final): " + ledger.describe(sendOnly, -1)
                + (!sendOnly && ledger.untracked() > 0 ? " (" + ledger.untracked() + " accepted without delivery tracking: retrieval not checked for them)" : "")
                + (ledger.foreign() > 0 ? " (+" + ledger.foreign() + " harness deliveries sent elsewhere: traced for a merge, not counted here)" : "")
                + (closedAtEnd > 0 ? "; closed " + closedAtEnd + " connections of users cut off" : "")
                + (parameters.containsKey(io.mailharness.gatling.SignalledStop.PARAMETER)
                    ? " (stopped by a signal: messages not yet retrieved count as lost)" : ""));
        if (connections.reconnectWaits() > 0) {
            out.println("Mailharness reconnect back-off: " + connections.reconnectWaits() + " connection attempts waited after a failed one, "
                    + String.format(java.util.Locale.ROOT, "%.1f", connections.reconnectWaitMillis() / 1000.0) + " s in all");
        }
        out.println("Mailharness injector: peak open sockets " + connections.peakOpenSockets()
                + ", peak heap used " + cpu.heapUsedPeak() / (1024 * 1024) + " MiB (committed "
                + cpu.heapCommittedPeak() / (1024 * 1024) + " MiB of max " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)");
    }

    /** Writes run-record.json into this run's Gatling folder; empty (and a warning) when there is no such folder. */
    public Optional<Path> writeRecord() {
        Path folder = RunFolders.resultsFolder();
        Optional<Path> runDir = RunFolders.runFolder(folder, simulation, startMillis);
        if (runDir.isEmpty()) {
            LOG.warn("no Gatling run folder under {}: run-record.json not written", folder);
            return Optional.empty();
        }
        Path file = runDir.get().resolve(RunRecord.FILE_NAME);
        try {
            Optional<String> samplesFolder = samples.write(runDir.get());
            samplesFolder.ifPresent(f -> System.out.println("Mailharness ledger samples: " + runDir.get().resolve(f)));
            RunRecordFiles.write(record(runDir.get().getFileName().toString(), samplesFolder.orElse(null)), file);
            return Optional.of(file);
        } catch (IOException e) {
            LOG.warn("could not write {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    RunRecord record(String runId, String samplesFolder) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        RunRecord.Injector who = new RunRecord.Injector(injector.index(), injector.count(), host,
                Runtime.getRuntime().availableProcessors(), cpu.average(), cpu.peak(), cpu.machineAverage(), cpu.processCpuSeconds());
        Map<String, String> params = new TreeMap<>(parameters);
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("mailharness.") && !k.contains("password") && !k.contains("secret"))
                .filter(k -> !k.equals(RunFolders.RESULTS_FOLDER_PROPERTY))
                .forEach(k -> params.putIfAbsent(k, System.getProperty(k)));
        params.putIfAbsent("injector", injector.toString());
        Map<String, Long> allErrors = recorder.errors();
        Map<String, Long> kept = recorder.errors(RunRecord.ERRORS_KEPT);
        RunRecord.Connections conn = new RunRecord.Connections(connections.peakOpenSockets(), connections.socketsOpened(),
                connections.reconnectWaits(), connections.reconnectWaitMillis(), closedAtEnd, connections.openSockets(), recorder.cutOff());
        return new RunRecord(RunRecord.FORMAT_VERSION, simulation == null ? runId.replaceAll("-\\d+$", "") : simulation.getSimpleName(),
                targetName, runId, Instant.ofEpochMilli(startMillis).toString(), Instant.ofEpochMilli(endMillis).toString(),
                params, who, recorder.requestStats(), recorder.errorsByReplyClass(), finalLedger, ledger.traces(),
                kept, (long) (allErrors.size() - kept.size()), recorder.errorGroups(RunRecord.ERROR_GROUPS_KEPT),
                ledger.check(!sendOnly, samplesFolder, samples.leftOut()), conn);
    }
}
