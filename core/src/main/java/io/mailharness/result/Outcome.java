package io.mailharness.result;

/**
 * The verdict of one conformance check.
 * <ul>
 *   <li>PASS: the server keeps the requirement.</li>
 *   <li>FAIL: a MUST is broken.</li>
 *   <li>WARN: a SHOULD is broken, or the behaviour is allowed but discouraged; a failure only in strict mode.</li>
 *   <li>SKIP: the check could not run here (extension not advertised, settings lack what it needs); a reason is given.</li>
 *   <li>INFO: behaviour recorded where the RFCs set no requirement.</li>
 * </ul>
 */
public enum Outcome {
    PASS, FAIL, WARN, SKIP, INFO;

    /** True when this outcome makes the run fail: FAIL always, WARN only in strict mode. */
    public boolean failsRun(boolean strict) {
        return this == FAIL || (strict && this == WARN);
    }
}
