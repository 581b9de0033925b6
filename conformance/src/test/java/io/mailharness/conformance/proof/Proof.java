package io.mailharness.conformance.proof;

import io.mailharness.result.Outcome;

/**
 * One row of the proof: a check, a server fault that breaks its rule, the outcome the check must then give, and
 * the right reason: the step at which it must fail and a fragment of what it must report as actual. A FAIL for
 * another reason (a closed connection three steps early, a neighbouring requirement) does not prove the row.
 * Kept apart from {@link ProofTable} so that the per-area tables can build rows without loading it.
 *
 * @param step     text the failing step must contain (the command sent, "greeting", "RETR n", ...)
 * @param fragment text the reported "actual" must contain
 */
record Proof(String checkId, ServerFault fault, Outcome expected, String step, String fragment) {
    static Proof breaks(String checkId, ServerFault fault, Outcome expected) {
        return new Proof(checkId, fault, expected, "", "");
    }

    /** A server variant the RFCs allow, against which the check must still PASS. */
    static Proof keeps(String checkId, ServerFault fault) {
        return new Proof(checkId, fault, Outcome.PASS, "", "");
    }

    /**
     * A server variant the RFCs allow that leaves the check's rule untestable: the check must SKIP, with a reason
     * containing {@code reason}, never FAIL.
     */
    static Proof untestable(String checkId, ServerFault fault, String reason) {
        return new Proof(checkId, fault, Outcome.SKIP, "", reason);
    }

    /** The same row, failing at a step containing {@code step} and reporting an actual containing {@code fragment}. */
    Proof at(String step, String fragment) {
        return new Proof(checkId, fault, expected, step, fragment);
    }

    /** True when the row names the step and fragment of its failure. */
    boolean namesItsReason() {
        return !step.isEmpty() && !fragment.isEmpty();
    }

    @Override
    public String toString() {
        return checkId + " with " + fault + " -> " + expected;
    }
}
