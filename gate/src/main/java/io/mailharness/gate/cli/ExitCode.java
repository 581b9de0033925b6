package io.mailharness.gate.cli;

/** The exit statuses every reports command shares, so CI scripts can tell a regression from a broken call. */
public final class ExitCode {
    public static final int OK = 0;
    /** compare: something regressed (or, with --strict, was inconclusive). */
    public static final int REGRESSED = 1;
    /** Missing or malformed input, or a wrong call. */
    public static final int BAD_INPUT = 2;

    private ExitCode() {}
}
