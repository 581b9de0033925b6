package io.mailharness.conformance.wire;

/**
 * A requirement not met: the step that showed it, what a conforming server does, and what this one did.
 * An {@link AssertionError}, so JUnit reports it as a failed test.
 */
public final class CheckFailure extends AssertionError {
    private final String step;
    private final String expected;
    private final String actual;

    public CheckFailure(String step, String expected, String actual) {
        super(step + "\nexpected: " + expected + "\nactual:   " + actual);
        this.step = step;
        this.expected = expected;
        this.actual = actual;
    }

    public String step() {
        return step;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
