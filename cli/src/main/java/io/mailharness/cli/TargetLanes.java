package io.mailharness.cli;

import io.mailharness.settings.Account;
import io.mailharness.settings.TargetSettings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lanes of a vendor comparison: targets that share something one run changes must not run at the same time,
 * so they go into one lane, in column order; different lanes may run side by side. Targets share when they name
 * the same mailbox address (several MTAs delivering into one maildrop), the same POP3 login on the same POP3
 * service (one maildrop read by two targets, and its exclusive lock), or the same relay next-hop port (only one
 * run can listen there). A load run drains every account of its target, so this covers it too. The embedded
 * GreenMail starts on free ports in each run and shares nothing.
 */
final class TargetLanes {
    private TargetLanes() {}

    /**
     * @param columns  the columns in their order (the embedded GreenMail among them, or not)
     * @param settings each real target's settings by name; a column without settings shares nothing
     * @return the lanes, ordered by their first column, each in column order
     */
    static List<List<String>> of(List<String> columns, Map<String, TargetSettings> settings) {
        List<List<String>> lanes = new ArrayList<>();
        List<Set<String>> shared = new ArrayList<>();
        for (String column : columns) {
            Set<String> resources = settings.containsKey(column) ? sharedResources(settings.get(column)) : Set.of();
            List<String> lane = new ArrayList<>(List.of(column));
            Set<String> laneResources = new HashSet<>(resources);
            // A target that shares with several lanes joins them all into one (the first, which keeps column order).
            for (int i = 0; i < lanes.size(); i++) {
                if (shared.get(i).stream().noneMatch(resources::contains)) continue;
                lane.addAll(0, lanes.remove(i));
                laneResources.addAll(shared.remove(i));
                i--;
            }
            lane.sort((a, b) -> Integer.compare(columns.indexOf(a), columns.indexOf(b)));
            int at = 0;
            while (at < lanes.size() && columns.indexOf(lanes.get(at).getFirst()) < columns.indexOf(lane.getFirst())) at++;
            lanes.add(at, lane);
            shared.add(at, laneResources);
        }
        return lanes.stream().map(List::copyOf).toList();
    }

    /** What a run against this target changes or holds that another target's run could also touch. */
    static Set<String> sharedResources(TargetSettings target) {
        Set<String> resources = new HashSet<>();
        for (Account account : target.accounts()) {
            resources.add("mailbox " + account.address().toLowerCase(Locale.ROOT));
            target.pop3().ifPresent(pop3 -> resources.add("maildrop " + pop3.endpoint() + " " + account.user()));
        }
        target.relay().ifPresent(relay -> resources.add("relay next-hop port " + relay.nextHop().port()));
        return resources;
    }
}
