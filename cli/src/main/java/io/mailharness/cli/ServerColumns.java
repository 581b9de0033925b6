package io.mailharness.cli;

import io.mailharness.settings.SettingsException;
import io.mailharness.settings.TargetSelection;
import io.mailharness.settings.TargetSettingsLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a vendor comparison: the embedded GreenMail first (unless left out), then the targets of a
 * settings file in file order. Targets named {@code *-tls} / {@code *-stls} are transport variants of another
 * target and are left out unless named.
 */
final class ServerColumns {
    static final String GREENMAIL = TargetSelection.EMBEDDED_NAME;

    private ServerColumns() {}

    /**
     * @param named     the targets asked for (GREENMAIL among them for the embedded column); empty: all but the variants
     * @param greenmail with no names: whether the embedded GreenMail is a column
     * @throws SettingsException when the file is missing or invalid, or a named target is not in it
     */
    static List<String> choose(Path file, List<String> named, boolean greenmail) {
        Set<String> defined = TargetSettingsLoader.loadAll(file, Map.of()).keySet();
        List<String> columns = new ArrayList<>();
        if (named.isEmpty()) {
            if (greenmail) columns.add(GREENMAIL);
            defined.stream().filter(name -> !name.endsWith("-tls") && !name.endsWith("-stls")).forEach(columns::add);
            return columns;
        }
        if (named.contains(GREENMAIL)) columns.add(GREENMAIL);
        for (String name : named) {
            if (name.equals(GREENMAIL) || columns.contains(name)) continue;
            if (!defined.contains(name)) {
                throw new SettingsException("--target", "no target '" + name + "' in " + file + " (defined: " + String.join(", ", defined) + ")");
            }
            columns.add(name);
        }
        return columns;
    }
}
