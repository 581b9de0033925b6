package io.mailharness.cli;

/** The exit statuses every command shares, so scripts and CI can tell a failed check from a broken call. */
final class ExitCode {
    static final int OK = 0;
    /** A conformance check failed, the gate found a regression, or a simulation's assertions failed. */
    static final int FAILED = 1;
    /** Bad input (an argument, a file, a setting) or a harness error (an unreachable target): one line on stderr. */
    static final int USER_ERROR = 2;

    private ExitCode() {}
}
