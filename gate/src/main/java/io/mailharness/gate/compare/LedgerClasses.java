package io.mailharness.gate.compare;

import io.mailharness.record.DeliveryCheck;
import io.mailharness.record.Ledger;
import io.mailharness.record.RunRecord;

import java.util.List;
import java.util.Optional;

/**
 * The ledger's classes of harm as a run record counts them (its ledger and delivery sections), each out of the
 * messages or deliveries it could have hit. They are read from the sections, not from the one "ledger …" verdict
 * request per run: that request says only whether there were any, and a run stopped by a signal has none.
 */
record LedgerClasses(List<LedgerClass> classes) {
    /** One class: {@code count} of {@code outOf}, gated as the request {@code request}. */
    record LedgerClass(String request, long count, long outOf) {
        /** The class's share in percent (0 when nothing could be hit). */
        double percent() {
            return outOf <= 0 ? 0 : 100.0 * count / outOf;
        }
    }

    /** The classes of a record whose drain retrieved messages; empty when it did not (a send-only run, an old record). */
    static Optional<LedgerClasses> of(RunRecord record) {
        Ledger ledger = record.ledger();
        DeliveryCheck delivery = record.delivery();
        if (ledger == null || delivery == null || !delivery.retrievalChecked()) return Optional.empty();
        String prefix = RunRecord.LEDGER_VERDICT_PREFIX;
        return Optional.of(new LedgerClasses(List.of(
                new LedgerClass(prefix + "lost", ledger.lost(), ledger.accepted()),
                new LedgerClass(prefix + "corrupted", ledger.corrupted(), ledger.accepted()),
                new LedgerClass(prefix + "duplicated", ledger.duplicated(), ledger.accepted()),
                new LedgerClass(prefix + "not retrievable", delivery.notRetrievable(), delivery.deliveries()))));
    }
}
