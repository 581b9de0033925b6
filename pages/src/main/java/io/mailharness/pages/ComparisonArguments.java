package io.mailharness.pages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line both comparison tools share:
 * {@code --out DIR [--versions FILE] [--title TEXT] [--unavailable NAME=REASON]… [NAME=]INPUT…}.
 * Inputs and unavailable servers become columns in the order given.
 *
 * @param out      the folder the page and its JSON are written to
 * @param versions the versions file, if given
 * @param title    the page title, if given
 * @param sources  the columns' sources, in order
 * @param help     true when help was asked for (nothing else is then checked)
 */
record ComparisonArguments(Path out, Optional<Path> versions, Optional<String> title, List<Source> sources, boolean help) {

    /** Where a column comes from. */
    sealed interface Source {
        /** A result file (or a folder holding one); {@code name} overrides the target name in the file when not null. */
        record Input(String name, Path path) implements Source {}

        /** A server whose run failed, with the reason. */
        record Unavailable(String name, String reason) implements Source {}
    }

    static ComparisonArguments parse(String[] args) {
        Path out = null;
        Path versions = null;
        String title = null;
        List<Source> sources = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!optionsEnded && arg.startsWith("--")) {
                String option = arg;
                String inline = null;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    option = arg.substring(0, eq);
                    inline = arg.substring(eq + 1);
                }
                switch (option) {
                    case "--" -> optionsEnded = true;
                    case "--help" -> { return new ComparisonArguments(null, Optional.empty(), Optional.empty(), List.of(), true); }
                    case "--out" -> out = Path.of(value(args, ++i, option, inline));
                    case "--versions" -> versions = Path.of(value(args, ++i, option, inline));
                    case "--title" -> title = value(args, ++i, option, inline);
                    case "--unavailable" -> sources.add(unavailable(value(args, ++i, option, inline)));
                    default -> throw new ComparisonInputException("unknown option " + option + " (try --help)");
                }
                if (inline != null) i--;
            } else if (!optionsEnded && arg.equals("-h")) {
                return new ComparisonArguments(null, Optional.empty(), Optional.empty(), List.of(), true);
            } else {
                sources.add(input(arg));
            }
        }
        if (out == null) throw new ComparisonInputException("--out DIR is required (try --help)");
        if (sources.isEmpty()) throw new ComparisonInputException("no input given: name at least one result file (try --help)");
        if (versions != null && !Files.isReadable(versions)) {
            throw new ComparisonInputException("versions file " + versions + " does not exist or is not readable");
        }
        return new ComparisonArguments(out, Optional.ofNullable(versions), Optional.ofNullable(title), List.copyOf(sources), false);
    }

    private static String value(String[] args, int i, String option, String inline) {
        if (inline != null) return inline;
        if (i >= args.length || args[i].startsWith("--")) throw new ComparisonInputException(option + " needs a value");
        return args[i];
    }

    private static Source unavailable(String spec) {
        int eq = spec.indexOf('=');
        String name = (eq < 0 ? spec : spec.substring(0, eq)).strip();
        if (name.isEmpty()) throw new ComparisonInputException("--unavailable needs NAME=REASON, got '" + spec + "'");
        return new Source.Unavailable(name, eq < 0 ? "" : spec.substring(eq + 1).strip());
    }

    /** {@code NAME=PATH} names the column; a plain path (even one containing '=') that exists is taken as is. */
    private static Source input(String arg) {
        int eq = arg.indexOf('=');
        if (eq > 0 && !Files.exists(Path.of(arg)) && !arg.substring(0, eq).contains("/")) {
            return new Source.Input(arg.substring(0, eq), Path.of(arg.substring(eq + 1)));
        }
        return new Source.Input(null, Path.of(arg));
    }

    /** Makes a column name unique among those already taken: {@code name}, {@code name (2)}, … */
    static String unique(String name, List<String> taken) {
        String candidate = name;
        for (int n = 2; taken.contains(candidate); n++) candidate = name + " (" + n + ")";
        return candidate;
    }
}
