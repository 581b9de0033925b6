package io.mailharness.conformance.proof;

import io.mailharness.result.Outcome;

/**
 * One row of the proof: a check, a server fault that breaks its rule, and the outcome the check must then
 * give. Kept apart from {@link ProofTable} so that the per-area tables can build rows without loading it.
 */
record Proof(String checkId, ServerFault fault, Outcome expected) {
    static Proof breaks(String checkId, ServerFault fault, Outcome expected) {
        return new Proof(checkId, fault, expected);
    }

    @Override
    public String toString() {
        return checkId + " with " + fault + " -> " + expected;
    }
}
