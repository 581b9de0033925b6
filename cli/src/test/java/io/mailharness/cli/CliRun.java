package io.mailharness.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * One {@code mailharness} command line run in this JVM, its output captured. The system properties a command
 * sets (-D options, the target) are put back afterwards, so tests do not leak settings into each other.
 */
record CliRun(int status, String out, String err) {
    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Properties before = (Properties) System.getProperties().clone();
        try {
            int status = Mailharness.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setProperties(before);
        }
    }

    /** True when stderr is exactly one line starting with {@code mailharness <command>: } and shows no stack trace. */
    boolean oneErrorLine(String command) {
        return err.strip().lines().count() == 1 && err.startsWith("mailharness " + command + ": ") && !err.contains("\tat ")
                && !err.contains("Exception");
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
