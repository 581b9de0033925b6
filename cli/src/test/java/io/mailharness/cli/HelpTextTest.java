package io.mailharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every command's --help renders cleanly: picocli reports a description it cannot format (a lone '%') on
 * System.err, around the usage text a user reads.
 */
class HelpTextTest {
    @Test
    void everyCommandsHelpFormatsWithoutWarnings() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Set<String> commands = Mailharness.commandLine(sink, sink).getSubcommands().keySet();
        assertTrue(commands.containsAll(Set.of("sink", "load", "conformance")), commands::toString);
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String command : commands) {
                CliRun run = CliRun.of(command, "--help");
                assertEquals(0, run.status(), command + " --help");
                assertTrue(run.out().contains("Usage: mailharness " + command), run::toString);
            }
        } finally {
            System.setErr(systemErr);
        }
        String printed = warnings.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains("picocli WARN"), printed);
    }
}
