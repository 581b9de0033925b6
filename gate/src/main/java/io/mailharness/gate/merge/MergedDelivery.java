package io.mailharness.gate.merge;

import io.mailharness.record.DeliveryCheck;
import io.mailharness.record.MessageTrace;
import io.mailharness.record.RunRecord;

import java.util.List;
import java.util.Map;

/**
 * The delivery classes of several injectors' records as one. Each injector classed the deliveries it
 * owed (those it sent), so the classes are summed; then the joined message traces correct what no single
 * injector could see: a delivery its sender never retrieved but another injector did was counted lost
 * (or not retrievable) by the sender and not at all by the reader. It moves to intact when every
 * retrieval matched its digest, else to damaged-unclassified (the reader had nothing to compare it
 * with), the same classes the reader gives such a retrieval. Every delivery stays in exactly one class.
 *
 * <p>Samples stay beside each injector's own record: the merged check names no samples folder.
 */
final class MergedDelivery {
    private MergedDelivery() {}

    /**
     * @param records the injectors' records, each with a delivery check
     * @param joined  the joined trace of every message, by id (empty when no record has traces)
     */
    static DeliveryCheck of(List<RunRecord> records, Map<String, MessageTrace> joined) {
        Sum sum = new Sum();
        for (RunRecord record : records) {
            DeliveryCheck own = record.delivery();
            long lost = own.lost();
            long notRetrievable = own.notRetrievable();
            long intact = own.intact();
            long damagedUnclassified = own.damagedUnclassified();
            for (MessageTrace trace : record.messages() == null ? List.<MessageTrace>of() : record.messages()) {
                if (trace.acceptedAtMillis() < 0 || trace.retrievals() > 0) continue;
                MessageTrace whole = joined.get(trace.id());
                if (whole == null || whole.retrievals() == 0) continue;
                // The sender never saw it arrive: it counted it lost, or not retrievable when a listing failed.
                if (lost > 0) lost--;
                else if (notRetrievable > 0) notRetrievable--;
                else continue;
                if (whole.corruptedRetrievals() > 0) damagedUnclassified++;
                else intact++;
            }
            sum.add(own, intact, damagedUnclassified, notRetrievable, lost);
        }
        return sum.check();
    }

    private static final class Sum {
        boolean retrievalChecked;
        long deliveries, intact, annotated, headersRewritten, bodyAltered, truncated, damagedUnclassified, notRetrievable, lost;

        void add(DeliveryCheck own, long ownIntact, long ownDamagedUnclassified, long ownNotRetrievable, long ownLost) {
            retrievalChecked |= own.retrievalChecked();
            deliveries += own.deliveries();
            intact += ownIntact;
            annotated += own.annotated();
            headersRewritten += own.headersRewritten();
            bodyAltered += own.bodyAltered();
            truncated += own.truncated();
            damagedUnclassified += ownDamagedUnclassified;
            notRetrievable += ownNotRetrievable;
            lost += ownLost;
        }

        DeliveryCheck check() {
            return new DeliveryCheck(retrievalChecked, deliveries, intact, annotated, headersRewritten, bodyAltered, truncated,
                    damagedUnclassified, notRetrievable, lost, null, Map.of());
        }
    }
}
