package io.mailharness.conformance.wire;

/**
 * Where a probe reports what it judged. A failure stops the check (a thrown {@link CheckFailure});
 * a warning is recorded and the check goes on; an observation is recorded for INFO checks.
 */
public interface Verdicts {
    /** Records an allowed-but-discouraged behaviour (or a broken SHOULD inside a MUST check). */
    void warn(String step, String expected, String actual);

    /** Records behaviour where the RFCs set no requirement. */
    void observe(String observation);

    /** A sink that ignores everything, for probes used outside a check. */
    Verdicts NONE = new Verdicts() {
        @Override
        public void warn(String step, String expected, String actual) {}

        @Override
        public void observe(String observation) {}
    };
}
