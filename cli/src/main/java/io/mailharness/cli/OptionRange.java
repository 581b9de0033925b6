package io.mailharness.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A numeric option outside its range is a wrong call: one line naming the option, its value and the range. */
final class OptionRange {
    private OptionRange() {}

    static void within(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " " + value + " is out of range (" + min + ".." + max + ")");
        }
    }
}
