package io.mailharness.simulations;

import io.mailharness.gatling.Injector;
import io.mailharness.gatling.MailEngine;
import io.mailharness.gatling.netty.ReplyGathering;
import io.mailharness.gatling.MailRun;
import io.mailharness.gatling.record.RunFolders;
import io.mailharness.settings.SettingsException;
import io.mailharness.settings.SettingsOverrides;
import io.mailharness.settings.TargetSelection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The {@code -Dmailharness.*} system properties a load run knows: the target's, the engine's and the bundled
 * simulations' parameters. A property in that namespace it does not know is refused (one line, naming the
 * nearest known property), since a mistyped one would otherwise be silently ignored. The conformance
 * suite's and the comparison's own properties are left to them.
 */
public final class LoadProperties {
    private static final String PREFIX = "mailharness.";
    /** Namespaces of the other tools, which read their properties themselves. */
    private static final List<String> OTHER_TOOLS = List.of("mailharness.conformance.", "mailharness.compare.", "mailharness.sink.");

    private LoadProperties() {}

    public static List<String> names() {
        TreeSet<String> names = new TreeSet<>(SettingsOverrides.propertyNames());
        names.addAll(List.of(TargetSelection.FILE_PROPERTY, TargetSelection.NAME_PROPERTY, Injector.PROPERTY, MailRun.IO_THREADS_PROPERTY, MailEngine.PROPERTY,
                RunFolders.RESULTS_FOLDER_PROPERTY, ReplyGathering.PROPERTY));
        names.addAll(SimulationParameters.NAMES);
        names.addAll(List.of(SmtpBurst.MESSAGES, SmtpIdleSessions.RAMP, SmtpIdleSessions.NOOP_INTERVAL));
        return List.copyOf(names);
    }

    /** Refuses the first unknown {@code mailharness.*} property, with the nearest known one. */
    public static void requireKnown(Properties properties) {
        List<String> known = names();
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            if (!name.startsWith(PREFIX) || known.contains(name) || OTHER_TOOLS.stream().anyMatch(name::startsWith)) continue;
            throw new SettingsException(name, "unknown property (did you mean " + nearest(name, known) + "?)");
        }
    }

    static String nearest(String name, List<String> known) {
        String best = known.getFirst();
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /** Edits (insert, delete, replace) from one name to the other. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
