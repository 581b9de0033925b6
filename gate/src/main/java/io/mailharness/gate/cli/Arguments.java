package io.mailharness.gate.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small parser for "--flag", "--option VALUE" and positional arguments; unknown options are bad input. */
public final class Arguments {
    private final Map<String, String> options = new HashMap<>();
    private final List<String> flags = new ArrayList<>();
    private final List<String> positional = new ArrayList<>();

    private Arguments() {}

    public static Arguments parse(String[] args, Set<String> valueOptions, Set<String> flagOptions) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (valueOptions.contains(arg)) {
                if (i + 1 >= args.length) throw new BadInput(arg + " needs a value");
                parsed.options.put(arg, args[++i]);
            } else if (flagOptions.contains(arg)) {
                parsed.flags.add(arg);
            } else if (arg.startsWith("--")) {
                throw new BadInput("unknown option " + arg);
            } else {
                parsed.positional.add(arg);
            }
        }
        return parsed;
    }

    public String option(String name) {
        return options.get(name);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public List<String> positional() {
        return positional;
    }
}
