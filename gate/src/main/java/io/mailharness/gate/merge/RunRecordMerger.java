package io.mailharness.gate.merge;

import io.mailharness.gate.input.BadInput;
import io.mailharness.record.CappedList;
import io.mailharness.record.DeliveryCheck;
import io.mailharness.record.ErrorGroup;
import io.mailharness.record.Ledger;
import io.mailharness.record.MessageReconciliation;
import io.mailharness.record.MessageTrace;
import io.mailharness.record.RunRecord;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Combines the run records of injectors that ran one simulation together into the record of the whole
 * run: OK and KO latency histograms merged exactly (percentiles recomputed from them), counts summed,
 * the ledger recomputed from the joined message traces and the delivery classes corrected with them,
 * error groups joined by their key, connection figures summed (the peak of open sockets is then an
 * upper bound), start the earliest and end the latest.
 *
 * <p>The merged record's injector has index 0 ("all"), count = records merged, the sum of the cores and
 * the highest CPU figures (the noise check needs the busiest injector); every injector's own figures are
 * kept in the parameter {@value #INJECTORS_PARAMETER}, and the source run ids in {@value #RUN_IDS_PARAMETER}.
 */
public final class RunRecordMerger {
    public static final String INJECTORS_PARAMETER = "mailharness.merged.injectors";
    public static final String RUN_IDS_PARAMETER = "mailharness.merged.runIds";
    /** Injector index of a merged record. */
    public static final int MERGED_INDEX = RunRecord.Injector.MERGED_INDEX;
    /** Parameters that differ between the injectors of one run by design: the injector's number ... */
    private static final Set<String> PER_INJECTOR_PARAMETERS = Set.of("injector", "mailharness.injector");
    /** ... and its share of a total (users, rate), which need not divide evenly. */
    private static final String SHARE_SUFFIX = ".share";

    /** The merged record and what a user should know about it. */
    public record Merged(RunRecord record, List<String> warnings) {}

    private RunRecordMerger() {}

    /** Refuses an incomplete set of injectors: its totals would pass for the whole load. */
    public static Merged merge(List<SourceRecord> sources) {
        return merge(sources, false);
    }

    /** @param allowMissing merge an incomplete set of injectors all the same, with a warning */
    public static Merged merge(List<SourceRecord> sources, boolean allowMissing) {
        if (sources.isEmpty()) throw new BadInput("no run records to merge");
        List<SourceRecord> ordered = sources.stream().sorted(Comparator.comparingInt(RunRecordMerger::injectorIndex)).toList();
        List<String> warnings = new ArrayList<>();
        checkSameRun(ordered);
        checkOverlap(ordered);
        checkInjectors(ordered, allowMissing, warnings);

        List<RunRecord> records = ordered.stream().map(SourceRecord::record).toList();
        List<MessageTrace> messages = MessageReconciliation.combine(records.stream().map(RunRecordMerger::traces).toList());
        Ledger ledger = mergeLedger(ordered, messages, warnings);
        MergedErrors.Messages errors = MergedErrors.messages(records);
        List<CappedList<ErrorGroup>> errorGroups = allOrNone(ordered, RunRecord::errorGroups, "error groups", warnings);
        List<DeliveryCheck> deliveryChecks = allOrNone(ordered, RunRecord::delivery, "delivery classes", warnings);
        List<RunRecord.Connections> connections = allOrNone(ordered, RunRecord::connections, "connection figures", warnings);

        RunRecord first = records.getFirst();
        RunRecord merged = new RunRecord(
                RunRecord.FORMAT_VERSION,
                first.simulation(),
                first.target(),
                runId(records),
                earliest(ordered),
                latest(ordered),
                parameters(records, warnings),
                injector(records),
                MergedRequests.of(ordered),
                errorsByReplyClass(records),
                ledger,
                messages,
                errors.kept(),
                errors.leftOut(),
                errorGroups == null ? null : MergedErrors.groups(errorGroups),
                deliveryChecks == null ? null : MergedDelivery.of(records, byId(messages)),
                connections == null ? null : connections.stream().reduce(RunRecordMerger::sum).orElseThrow());
        return new Merged(merged, List.copyOf(warnings));
    }

    /**
     * A part every record has, one per record; null when no record has it. When only some have it (records
     * written before the part existed) a merge of the others would pass for the whole: it is left out, with
     * a warning.
     */
    private static <T> List<T> allOrNone(List<SourceRecord> sources, Function<RunRecord, T> part, String what, List<String> warnings) {
        List<T> parts = sources.stream().map(source -> part.apply(source.record())).filter(Objects::nonNull).toList();
        if (parts.isEmpty()) return null;
        if (parts.size() == sources.size()) return parts;
        String without = sources.stream().filter(source -> part.apply(source.record()) == null).map(SourceRecord::name).collect(Collectors.joining(", "));
        warnings.add(without + " has no " + what + " (written by an older Mailharness): the merged record has none");
        return null;
    }

    /** Counts summed; the peak of open sockets too, an upper bound since the injectors need not have peaked at once. */
    private static RunRecord.Connections sum(RunRecord.Connections a, RunRecord.Connections b) {
        return new RunRecord.Connections(a.peakOpenSockets() + b.peakOpenSockets(), a.socketsOpened() + b.socketsOpened(),
                a.reconnectWaits() + b.reconnectWaits(), a.reconnectWaitMillis() + b.reconnectWaitMillis(),
                a.closedAtEnd() + b.closedAtEnd(), a.openAfterRun() + b.openAfterRun(), a.requestsCutOff() + b.requestsCutOff());
    }

    private static Map<String, MessageTrace> byId(List<MessageTrace> joined) {
        Map<String, MessageTrace> byId = new HashMap<>();
        joined.forEach(trace -> byId.put(trace.id(), trace));
        return byId;
    }

    private static void checkSameRun(List<SourceRecord> sources) {
        SourceRecord first = sources.getFirst();
        for (SourceRecord other : sources) {
            if (!Objects.equals(first.record().simulation(), other.record().simulation())) {
                throw new BadInput("cannot merge records of different simulations: " + first.name() + " is "
                        + first.record().simulation() + ", " + other.name() + " is " + other.record().simulation());
            }
            if (!Objects.equals(first.record().target(), other.record().target())) {
                throw new BadInput("cannot merge records of different targets: " + first.name() + " ran against "
                        + first.record().target() + ", " + other.name() + " against " + other.record().target());
            }
        }
    }

    /**
     * Injectors of one run run at one time: a record whose window does not overlap the others' is another
     * run, and merging it would spread the requests over the union of the windows (a throughput too low).
     * Windows that all overlap pairwise share a moment: the latest start is not after the earliest end.
     */
    private static void checkOverlap(List<SourceRecord> sources) {
        SourceRecord lastToStart = first(sources, RunRecord::start, Comparator.reverseOrder());
        SourceRecord firstToEnd = first(sources, RunRecord::end, Comparator.naturalOrder());
        if (lastToStart == null || firstToEnd == null) return;
        if (instant(lastToStart, lastToStart.record().start()).isAfter(instant(firstToEnd, firstToEnd.record().end()))) {
            throw new BadInput("cannot merge runs that did not overlap in time: " + firstToEnd.name() + " ran " + window(firstToEnd)
                    + ", " + lastToStart.name() + " ran " + window(lastToStart));
        }
    }

    private static String window(SourceRecord source) {
        return source.record().start() + " to " + source.record().end();
    }

    /** Refuses the same injector twice (counts would double) and an incomplete set unless allowed (then a warning). */
    private static void checkInjectors(List<SourceRecord> sources, boolean allowMissing, List<String> warnings) {
        Map<Integer, String> seen = new HashMap<>();
        Set<Integer> declaredCounts = new TreeSet<>();
        for (SourceRecord source : sources) {
            RunRecord.Injector injector = source.record().injector();
            if (injector == null) continue;
            if (injector.index() == MERGED_INDEX && sources.size() > 1) {
                throw new BadInput(source.name() + " is already a merged record; merge the injectors' own records");
            }
            String earlier = seen.putIfAbsent(injector.index(), source.name());
            if (earlier != null) {
                throw new BadInput(earlier + " and " + source.name() + " are both injector " + injector.index() + "/" + injector.count());
            }
            declaredCounts.add(injector.count());
        }
        if (declaredCounts.size() > 1) {
            warnings.add("the records disagree on the number of injectors: " + declaredCounts);
        } else if (declaredCounts.size() == 1) {
            int expected = declaredCounts.iterator().next();
            if (seen.size() != expected) {
                Set<Integer> missing = new TreeSet<>();
                for (int i = 1; i <= expected; i++) if (!seen.containsKey(i)) missing.add(i);
                String incomplete = expected + " injectors ran, " + seen.size() + " records merged"
                        + (missing.isEmpty() ? "" : "; missing injector(s) " + missing) + ": totals cover only part of the load";
                if (!allowMissing) throw new BadInput(incomplete + " (--allow-missing merges them all the same)");
                warnings.add(incomplete);
            }
        }
    }

    /**
     * From the joined traces when the injectors wrote them. Without any traces the ledgers can only be
     * summed, and a message retrieved by another injector than its sender shows as lost in one and
     * unknown in the other, so that is a warning; some records with traces and some without is refused.
     */
    private static Ledger mergeLedger(List<SourceRecord> sources, List<MessageTrace> messages, List<String> warnings) {
        long sent = 0;
        long accepted = 0;
        long rejected = 0;
        List<String> withoutTraces = new ArrayList<>();
        boolean anyTraces = false;
        for (SourceRecord source : sources) {
            Ledger ledger = source.record().ledger();
            sent += ledger.sent();
            accepted += ledger.accepted();
            rejected += ledger.rejected();
            boolean active = ledger.sent() > 0 || ledger.retrieved() > 0;
            boolean traced = !traces(source.record()).isEmpty();
            anyTraces |= traced;
            if (active && !traced) withoutTraces.add(source.name());
        }
        if (!anyTraces) {
            if (sources.size() > 1 && !withoutTraces.isEmpty()) {
                warnings.add("no record has message traces: ledgers summed, messages sent by one injector and retrieved by another are not reconciled");
            }
            return sources.stream().map(source -> source.record().ledger()).reduce(Ledger.EMPTY, RunRecordMerger::sum);
        }
        if (!withoutTraces.isEmpty()) {
            throw new BadInput(String.join(", ", withoutTraces) + " has no message traces while other records do: cannot reconcile the ledger");
        }
        return MessageReconciliation.ledger(messages, sent, accepted, rejected);
    }

    private static Ledger sum(Ledger a, Ledger b) {
        return new Ledger(a.sent() + b.sent(), a.accepted() + b.accepted(), a.rejected() + b.rejected(),
                a.retrieved() + b.retrieved(), a.intact() + b.intact(), a.corrupted() + b.corrupted(),
                a.duplicated() + b.duplicated(), a.lost() + b.lost());
    }

    private static List<MessageTrace> traces(RunRecord record) {
        return record.messages() == null ? List.of() : record.messages();
    }

    private static Map<String, Long> errorsByReplyClass(List<RunRecord> records) {
        Map<String, Long> errors = new TreeMap<>();
        for (RunRecord record : records) {
            if (record.errorsByReplyClass() != null) record.errorsByReplyClass().forEach((kind, count) -> errors.merge(kind, count, Long::sum));
        }
        return errors;
    }

    /**
     * Parameters all injectors agree on are kept as they are; differing ones list each value. Besides an
     * injector's own (its number, its share), a differing parameter means the injectors did not run the same
     * load: a warning names it.
     */
    private static Map<String, String> parameters(List<RunRecord> records, List<String> warnings) {
        Map<String, Set<String>> values = new TreeMap<>();
        Map<String, Integer> holders = new TreeMap<>();
        for (RunRecord record : records) {
            if (record.parameters() == null) continue;
            record.parameters().forEach((key, value) -> {
                values.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(value);
                holders.merge(key, 1, Integer::sum);
            });
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        values.forEach((key, distinct) -> parameters.put(key, String.join(" | ", distinct)));
        List<String> differing = values.keySet().stream()
                .filter(key -> !PER_INJECTOR_PARAMETERS.contains(key) && !key.endsWith(SHARE_SUFFIX))
                .filter(key -> values.get(key).size() > 1 || holders.get(key) < records.size())
                .map(key -> key + " (" + parameters.get(key) + (holders.get(key) < records.size() ? " | not set" : "") + ")")
                .toList();
        if (!differing.isEmpty()) {
            warnings.add("the injectors ran with different parameters: " + String.join(", ", differing) + "; the merged record lists each value");
        }
        parameters.put(INJECTORS_PARAMETER, records.stream().map(RunRecordMerger::describe).collect(Collectors.joining("; ")));
        parameters.put(RUN_IDS_PARAMETER, records.stream().map(RunRecord::runId).collect(Collectors.joining(" ")));
        return parameters;
    }

    private static String describe(RunRecord record) {
        RunRecord.Injector injector = record.injector();
        if (injector == null) return record.runId() + ": no injector figures";
        return String.format(Locale.ROOT, "%d/%d %s %d cores cpu avg %.2f peak %.2f machine avg %.2f", injector.index(), injector.count(),
                injector.host(), injector.cores(), injector.cpuAverage(), injector.cpuPeak(), injector.machineCpuAverage());
    }

    private static RunRecord.Injector injector(List<RunRecord> records) {
        List<RunRecord.Injector> injectors = records.stream().map(RunRecord::injector).filter(Objects::nonNull).toList();
        if (records.size() == 1) return records.getFirst().injector();
        return new RunRecord.Injector(MERGED_INDEX, records.size(),
                injectors.stream().map(RunRecord.Injector::host).filter(Objects::nonNull).distinct().collect(Collectors.joining(",")),
                injectors.stream().mapToInt(RunRecord.Injector::cores).sum(),
                injectors.stream().mapToDouble(RunRecord.Injector::cpuAverage).max().orElse(0),
                injectors.stream().mapToDouble(RunRecord.Injector::cpuPeak).max().orElse(0),
                injectors.stream().mapToDouble(RunRecord.Injector::machineCpuAverage).max().orElse(0),
                cpuSeconds(injectors));
    }

    /** The injectors' CPU time added up, when every one of them measured it. */
    private static Double cpuSeconds(List<RunRecord.Injector> injectors) {
        if (injectors.isEmpty() || injectors.stream().anyMatch(i -> i.cpuSeconds() == null)) return null;
        return injectors.stream().mapToDouble(RunRecord.Injector::cpuSeconds).sum();
    }

    private static String runId(List<RunRecord> records) {
        Set<String> ids = records.stream().map(RunRecord::runId).filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new));
        if (ids.size() <= 1) return ids.isEmpty() ? "merged" : ids.iterator().next();
        return "merged-" + records.size() + "-injectors-" + ids.iterator().next();
    }

    private static String earliest(List<SourceRecord> sources) {
        SourceRecord first = first(sources, RunRecord::start, Comparator.naturalOrder());
        return first == null ? null : first.record().start();
    }

    private static String latest(List<SourceRecord> sources) {
        SourceRecord last = first(sources, RunRecord::end, Comparator.reverseOrder());
        return last == null ? null : last.record().end();
    }

    /** The record whose time (start or end) comes first in that order, or null when none has that time. */
    private static SourceRecord first(List<SourceRecord> sources, Function<RunRecord, String> time, Comparator<Instant> order) {
        return sources.stream().filter(source -> time.apply(source.record()) != null)
                .min(Comparator.comparing(source -> instant(source, time.apply(source.record())), order))
                .orElse(null);
    }

    private static Instant instant(SourceRecord source, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInput(source.name() + " has an unreadable start or end time: " + text);
        }
    }

    private static int injectorIndex(SourceRecord source) {
        return source.record().injector() == null ? Integer.MAX_VALUE : source.record().injector().index();
    }
}
