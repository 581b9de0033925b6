package io.mailharness.gate.merge;

import io.mailharness.record.CappedList;
import io.mailharness.record.ErrorGroup;
import io.mailharness.record.RunRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The KO messages and error groups of several injectors' records as one. Entries with the same key are
 * one entry with the counts summed (an error group keeps the first injector's verbatim example); the
 * merged lists keep as many entries as an injector's do, the most frequent, and what each left out is
 * added to what the merge leaves out. An injector's left-out entry may be another's kept one, so the
 * left-out counts are upper bounds.
 */
final class MergedErrors {
    private static final Comparator<ErrorGroup> LARGEST_FIRST = Comparator.comparingLong(ErrorGroup::count).reversed()
            .thenComparing(ErrorGroup::request, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ErrorGroup::pattern, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** What makes two error groups one: everything but the count and the example. */
    private record GroupKey(String request, String errorClass, String replyCode, String enhancedStatusCode, String pattern) {
        static GroupKey of(ErrorGroup group) {
            return new GroupKey(group.request(), group.errorClass(), group.replyCode(), group.enhancedStatusCode(), group.pattern());
        }
    }

    /** The merged KO message counts and how many distinct messages they leave out. */
    record Messages(Map<String, Long> kept, Long leftOut) {}

    private MergedErrors() {}

    /** The injectors' error groups, in injector order (an earlier injector's example is kept). */
    static CappedList<ErrorGroup> groups(List<CappedList<ErrorGroup>> perInjector) {
        Map<GroupKey, ErrorGroup> byKey = new LinkedHashMap<>();
        long leftOut = 0;
        for (CappedList<ErrorGroup> groups : perInjector) {
            leftOut += groups.leftOut();
            for (ErrorGroup group : groups.entries()) {
                byKey.merge(GroupKey.of(group), group, (first, next) -> new ErrorGroup(first.request(), first.errorClass(), first.replyCode(),
                        first.enhancedStatusCode(), first.pattern(), first.count() + next.count(), first.example()));
            }
        }
        List<ErrorGroup> largestFirst = byKey.values().stream().sorted(LARGEST_FIRST).toList();
        CappedList<ErrorGroup> capped = CappedList.of(largestFirst, RunRecord.ERROR_GROUPS_KEPT);
        return new CappedList<>(capped.entries(), capped.leftOut() + leftOut);
    }

    /** KO counts by request name and message, summed; records without them add nothing. */
    static Messages messages(List<RunRecord> records) {
        Map<String, Long> summed = new LinkedHashMap<>();
        Long leftOut = null;
        for (RunRecord record : records) {
            if (record.errors() != null) record.errors().forEach((message, count) -> summed.merge(message, count, Long::sum));
            if (record.errorsLeftOut() != null) leftOut = (leftOut == null ? 0 : leftOut) + record.errorsLeftOut();
        }
        List<Map.Entry<String, Long>> mostFrequent = new ArrayList<>(summed.entrySet());
        mostFrequent.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> kept = new LinkedHashMap<>();
        mostFrequent.stream().limit(RunRecord.ERRORS_KEPT).forEach(entry -> kept.put(entry.getKey(), entry.getValue()));
        long cut = mostFrequent.size() - kept.size();
        Long totalLeftOut = leftOut == null && cut == 0 ? null : Objects.requireNonNullElse(leftOut, 0L) + cut;
        return new Messages(kept, totalLeftOut);
    }
}
