package io.mailharness.conformance;

import io.mailharness.conformance.run.CheckSelection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@link ConformanceMain}. Unknown or incomplete options are a {@link UsageException}
 * with one line to print.
 */
record CliOptions(Optional<Path> targetFile, Optional<String> targetName, boolean strict, boolean reportOnly,
                  CheckSelection selection, Optional<Path> out, boolean help) {

    static final String USAGE = """
            usage: ConformanceMain [--target-file F] [--target NAME] [--strict] [--report-only]
                                   [--select GLOB]... [--rfc N]... [--tag T]... [--exclude-tag T]... [--out DIR]
              no target: the embedded GreenMail server; -Dmailharness.target.file / -Dmailharness.target and
              MAILHARNESS_* environment variables work as well.
              tags: read-only, mutates-mailbox, anti-abuse, needs-tls, needs-setting, must, should, may, info
              exit: 0 no FAIL (strict: no WARN either), 1 a check failed, 2 harness or input error""";

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static CliOptions parse(String... args) throws UsageException {
        Optional<Path> targetFile = Optional.empty();
        Optional<String> targetName = Optional.empty();
        boolean strict = false;
        boolean reportOnly = false;
        boolean help = false;
        Optional<Path> out = Optional.empty();
        List<String> select = new ArrayList<>();
        List<String> rfc = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inline = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            boolean takesValue = switch (arg) {
                case "--target-file", "--target", "--select", "--rfc", "--tag", "--exclude-tag", "--out" -> true;
                default -> false;
            };
            String value = null;
            if (takesValue) {
                if (inline == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) throw new UsageException(arg + " needs a value");
                    value = args[++i];
                } else {
                    value = inline;
                }
                if (value.isBlank()) throw new UsageException(arg + " needs a value");
            } else if (inline != null) {
                throw new UsageException(arg + " takes no value");
            }
            switch (arg) {
                case "--strict" -> strict = true;
                case "--report-only" -> reportOnly = true;
                case "-h", "--help" -> help = true;
                case "--target-file" -> targetFile = Optional.of(Path.of(value));
                case "--target" -> targetName = Optional.of(value);
                case "--select" -> select.add(value);
                case "--rfc" -> rfc.add(rfcNumber(value));
                case "--tag" -> tags.add(value);
                case "--exclude-tag" -> excluded.add(value);
                case "--out" -> out = Optional.of(Path.of(value));
                default -> throw new UsageException("unknown option '" + args[i] + "' (try --help)");
            }
        }
        return new CliOptions(targetFile, targetName, strict, reportOnly,
                new CheckSelection(select, rfc, tags, excluded), out, help);
    }

    private static String rfcNumber(String value) throws UsageException {
        String number = value.toUpperCase(java.util.Locale.ROOT).replaceFirst("^RFC ?", "");
        if (!number.matches("[0-9]+")) throw new UsageException("--rfc needs an RFC number such as 5321, not '" + value + "'");
        return number;
    }
}
