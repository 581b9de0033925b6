package io.mailharness.gate.compare;

/** The gate's answer for one metric. */
public enum Verdict {
    OK("ok"),
    IMPROVED("improved"),
    REGRESSED("regressed"),
    /**
     * The numbers cannot be trusted either way (injector near CPU saturation, too few samples for the
     * percentile, a value missing). Does not fail the gate unless --strict.
     */
    INCONCLUSIVE("inconclusive");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
