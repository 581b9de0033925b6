package io.mailharness.conformance.wire;

import org.opentest4j.TestAbortedException;

/**
 * A check that could not reach the rule it is about: a step on the way failed, and that step is another row's rule
 * (the greeting, EHLO, the login, a listener that wants STARTTLS first). It ends SKIP with this reason, never FAIL.
 */
public final class Blocked {
    /** How the reason of a blocked check starts. */
    public static final String PREFIX = "blocked before the rule under test: ";

    private Blocked() {}

    /** The reason, with the failure it came from as its cause (what a caller outside a check reports instead). */
    public static TestAbortedException by(CheckFailure failure) {
        return new TestAbortedException(PREFIX + failure.step() + " expected " + failure.expected() + ", got " + failure.actual()
                + " (another row's rule)", failure);
    }
}
