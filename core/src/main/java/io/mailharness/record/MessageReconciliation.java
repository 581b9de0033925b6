package io.mailharness.record;


import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins what several injectors know of each message (one sent it, another may have retrieved it) and
 * recomputes the delivery ledger from the joined traces, so a message counts once however many
 * injectors saw it.
 */
public final class MessageReconciliation {
    private MessageReconciliation() {}

    /** One trace per message id, in id order: the sender's digest and acceptance, retrievals summed over injectors. */
    public static List<MessageTrace> combine(Collection<List<MessageTrace>> tracesPerInjector) {
        Map<String, MessageTrace> byId = new TreeMap<>();
        for (List<MessageTrace> traces : tracesPerInjector) {
            for (MessageTrace trace : traces) {
                byId.merge(trace.id(), trace, MessageReconciliation::join);
            }
        }
        return List.copyOf(byId.values());
    }

    /**
     * The ledger of the joined traces. sent, accepted and rejected are facts of the sending injector
     * alone and are summed as given; what happened after acceptance is derived from the traces:
     * retrieved = accepted and seen at least once; corrupted = retrieved and at least one retrieval did
     * not match the digest; intact = retrieved and never corrupted; duplicated = retrieved more than
     * once in all; lost = accepted and seen by no injector.
     */
    public static Ledger ledger(List<MessageTrace> combined, long sent, long accepted, long rejected) {
        long retrieved = 0;
        long corrupted = 0;
        long duplicated = 0;
        long lost = 0;
        for (MessageTrace trace : combined) {
            if (trace.acceptedAtMillis() < 0) continue;
            if (trace.retrievals() == 0) {
                lost++;
                continue;
            }
            retrieved++;
            if (trace.corruptedRetrievals() > 0) corrupted++;
            if (trace.retrievals() > 1) duplicated++;
        }
        return new Ledger(sent, accepted, rejected, retrieved, retrieved - corrupted, corrupted, duplicated, lost);
    }

    private static MessageTrace join(MessageTrace a, MessageTrace b) {
        return new MessageTrace(
                a.id(),
                a.digest() == null || a.digest().isEmpty() ? b.digest() : a.digest(),
                earliest(a.acceptedAtMillis(), b.acceptedAtMillis()),
                earliest(a.firstSeenAtMillis(), b.firstSeenAtMillis()),
                a.retrievals() + b.retrievals(),
                a.corruptedRetrievals() + b.corruptedRetrievals());
    }

    /** Earliest of two epoch-millis values where -1 means "never". */
    private static long earliest(long a, long b) {
        if (a < 0) return b;
        if (b < 0) return a;
        return Math.min(a, b);
    }
}
