package io.mailharness.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mailharness completion}: a bash script that completes every command and its options. */
class CompletionCommandTest {
    @Test
    void theScriptCompletesEveryCommandAndTheSharedTargetOptions() {
        CliRun run = CliRun.of("completion");
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().contains("complete -F _complete_mailharness -o default mailharness"), run.out());
        assertTrue(run.out().contains("complete -F _complete_mailharness -o default ./mailharness"), "also for the launcher typed with its path");
        for (String command : Mailharness.commandLine(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))
                .getSubcommands().keySet()) {
            assertTrue(run.out().contains(command), command);
        }
        assertTrue(run.out().contains("--target-file") && run.out().contains("--report-only"), "options too");
    }
}
