package io.mailharness.record;

import java.util.List;
import java.util.Map;

/**
 * The machine-readable result of one load run from one injector, written as {@code run-record.json}
 * next to the Gatling report. Latencies travel as HdrHistogram histograms so that records from several
 * injectors merge without loss, and message traces let a merge reconcile messages sent by one injector
 * and retrieved by another.
 *
 * @param formatVersion     bumped when a field changes meaning
 * @param simulation        the simulation class's simple name
 * @param target            the target's name
 * @param runId             the Gatling run folder name
 * @param start             ISO-8601 instant the load started
 * @param end               ISO-8601 instant the load ended
 * @param parameters        the run's parameters as given (users, rate, duration, message mix…)
 * @param injector          which injector wrote it, and how busy its CPU was
 * @param requests          per request name (a protocol stage, or "delivery latency")
 * @param errorsByReplyClass KO counts by kind: "4xx", "5xx", "timeout", "connection", "protocol"
 * @param ledger            the delivery ledger
 * @param messages          one trace per harness message this injector sent or retrieved
 * @param errors            KO counts by request name and message, e.g. {@code "SMTP RCPT: 5xx 550 5.1.1 no such user" -> 3},
 *                          the {@value #ERRORS_KEPT} most frequent (added after format version 1's first release;
 *                          null in records written before it)
 * @param errorsLeftOut     how many distinct KO messages {@code errors} left out (null in older records); in a merged
 *                          record the injectors' figures summed, so a message two injectors left out counts twice
 * @param errorGroups       KOs grouped by request, reply code and enhanced status code, variable parts masked, with
 *                          one verbatim example each; the {@value #ERROR_GROUPS_KEPT} largest (null in older records); in a
 *                          merged record its left-out count adds the injectors' own, so it may count a group twice
 * @param delivery          every delivery owed in its class (intact, annotated, damaged by kind, not retrievable,
 *                          lost), with samples beside the record (null in older records)
 * @param connections       sockets, reconnection back-off and what the end of the run cut off (null in older records)
 */
public record RunRecord(
        int formatVersion,
        String simulation,
        String target,
        String runId,
        String start,
        String end,
        Map<String, String> parameters,
        Injector injector,
        Map<String, RequestStats> requests,
        Map<String, Long> errorsByReplyClass,
        Ledger ledger,
        List<MessageTrace> messages,
        Map<String, Long> errors,
        Long errorsLeftOut,
        CappedList<ErrorGroup> errorGroups,
        DeliveryCheck delivery,
        Connections connections) {

    /** The same record with other message traces (a baseline leaves them out: they can run to megabytes). */
    public RunRecord withMessages(List<MessageTrace> traces) {
        return new RunRecord(formatVersion, simulation, target, runId, start, end, parameters, injector, requests, errorsByReplyClass,
                ledger, traces, errors, errorsLeftOut, errorGroups, delivery, connections);
    }

    /** No request was recorded: the run failed before its load, so there is nothing to compare or keep as a baseline. */
    public boolean measuredNothing() {
        return requests == null || requests.isEmpty();
    }

    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "run-record.json";
    public static final String DELIVERY_LATENCY = "delivery latency";
    /**
     * How the ledger's verdict requests are named ("ledger lost", "ledger corrupted"...): one request per run, KO
     * when the ledger found such messages, so a sample minimum never applies to them.
     */
    public static final String LEDGER_VERDICT_PREFIX = "ledger ";
    /** The parameter that tells a run stopped by a signal (SIGTERM, Ctrl-C): messages not yet retrieved then count as lost. */
    public static final String STOPPED_BY = "stoppedBy";
    /** How many distinct KO messages a record keeps in {@link #errors}: the most frequent. */
    public static final int ERRORS_KEPT = 50;
    /** How many error groups a record keeps: the largest. */
    public static final int ERROR_GROUPS_KEPT = 100;

    /**
     * @param index        1-based injector number
     * @param count        how many injectors ran the simulation together
     * @param host         the injector's host name
     * @param cores        available processors
     * @param cpuAverage   the injector process's mean CPU use over the run, 0..1 of all cores
     * @param cpuPeak      the highest sampled CPU use, 0..1 of all cores
     * @param machineCpuAverage the whole machine's mean CPU use, 0..1 (a local server under test shows here)
     * @param cpuSeconds   CPU time (user + system) the injector process spent from the run's start to its end,
     *                     report generation excluded: with the messages sent, the cost of each; null when not known
     */
    public record Injector(int index, int count, String host, int cores, double cpuAverage, double cpuPeak, double machineCpuAverage,
                           Double cpuSeconds) {
        /** Without the CPU time (records from before it was kept, and tests that do not need it). */
        public Injector(int index, int count, String host, int cores, double cpuAverage, double cpuPeak, double machineCpuAverage) {
            this(index, count, host, cores, cpuAverage, cpuPeak, machineCpuAverage, null);
        }

        /** The index of a record merged from {@code count} injectors' records (theirs count from 1). */
        public static final int MERGED_INDEX = 0;

        /** Whether this record is the merge of its injectors' records: the whole load, not one injector's share. */
        public boolean merged() {
            return index == MERGED_INDEX;
        }
    }

    /**
     * The injector's connections over the run.
     *
     * @param peakOpenSockets  the most client sockets open at once (connecting, greeted or not, TLS or not); in a
     *                         merged record the sum of the injectors' peaks, an upper bound: they need not have
     *                         peaked at the same moment
     * @param socketsOpened    client sockets opened in all
     * @param reconnectWaits   connection attempts that first waited out a back-off after a failed one
     * @param reconnectWaitMillis the time those waits took, summed over users
     * @param closedAtEnd      connections still open when the run ended (users cut off), closed then
     * @param openAfterRun     client sockets still open after that (0 unless a socket leaked)
     * @param requestsCutOff   steps under way when the run ended: counted here, not as OK or KO
     */
    public record Connections(int peakOpenSockets, long socketsOpened, long reconnectWaits, long reconnectWaitMillis,
                              long closedAtEnd, int openAfterRun, long requestsCutOff) {}
}
