package io.mailharness.cli;

import io.mailharness.client.SmtpSession;
import io.mailharness.settings.TargetSelection;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.TargetSettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mailharness embedded-server}: a settings file the loader reads, mail served, a stop when stdin closes. */
class EmbeddedServerCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesATargetsFileTheLoaderReadsServesMailAndStopsWhenStdinCloses() throws Exception {
        Path file = dir.resolve("targets.conf");
        PipedOutputStream stdinWriter = new PipedOutputStream();
        InputStream originalStdin = System.in;
        System.setIn(new PipedInputStream(stdinWriter));
        try {
            CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() ->
                    CliRun.of("embedded-server", "--target-file", file.toString(), "--accounts", "3", "--max-seconds", "60"));
            await().atMost(30, TimeUnit.SECONDS).until(() -> Files.exists(file));

            TargetSettings target = TargetSettingsLoader.load(file, TargetSelection.EMBEDDED_NAME, Map.of());
            assertEquals(3, target.disposableAccounts().size());
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    "the file holds the generated passwords: its owner's alone");
            assertEquals("127.0.0.1", target.requireSmtp().endpoint().host());
            try (SmtpSession smtp = SmtpSession.open(target, target.accounts().getFirst(), "client.example", null)) {
                var reply = smtp.sendMessage("sender@client.example", List.of(target.accounts().getFirst().address()),
                        "Subject: hello\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(250, reply.code());
            }

            stdinWriter.close();
            CliRun finished = run.get(30, TimeUnit.SECONDS);
            assertEquals(0, finished.status(), finished.toString());
            assertTrue(finished.out().contains("embedded-greenmail {"), "the settings are printed too");
            assertFalse(finished.out().contains(target.accounts().getFirst().password()), "no password on the console");
            assertTrue(finished.out().contains("password = \"****\""), finished.out());
            assertTrue(finished.out().contains("# embedded-server: stopped"));

            CliRun again = CliRun.of("embedded-server", "--target-file", file.toString(), "--ignore-stdin", "--max-seconds", "1");
            assertEquals(0, again.status(), "a file it wrote itself is replaced: " + again);
        } finally {
            System.setIn(originalStdin);
        }
    }

    @Test
    void neverOverwritesAFileItDidNotWriteNorCreatesAMissingFolder() throws Exception {
        String copied = "targets {\n  postfix { smtp { port = 2525 } }\n}\n";
        Path foreign = Files.writeString(dir.resolve("targets.conf"), copied);
        CliRun refused = CliRun.of("embedded-server", "--target-file", foreign.toString(), "--ignore-stdin", "--max-seconds", "1");
        assertEquals(2, refused.status(), refused.toString());
        assertTrue(refused.oneErrorLine("embedded-server"), refused.toString());
        assertTrue(refused.err().contains("was not written by embedded-server"), refused.err());
        assertEquals(copied, Files.readString(foreign), "the file is left as it was");

        Path nowhere = dir.resolve("missing/targets.conf");
        CliRun noFolder = CliRun.of("embedded-server", "--target-file", nowhere.toString(), "--ignore-stdin", "--max-seconds", "1");
        assertEquals(2, noFolder.status(), noFolder.toString());
        assertTrue(noFolder.oneErrorLine("embedded-server"), noFolder.toString());
        assertTrue(noFolder.err().contains("does not exist"), noFolder.err());
        assertFalse(Files.exists(nowhere.getParent()));
    }

    @Test
    void aMissingTargetFileIsNamedAsTheReadmeNamesIt() {
        CliRun run = CliRun.of("embedded-server");
        assertEquals(2, run.status(), run.toString());
        assertTrue(run.err().contains("'--target-file=FILE'") && !run.err().contains("--targets-file"), run.err());
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        for (List<String> args : List.of(List.<String>of(), List.of("--target-file", "f", "--smtp-port", "x"),
                List.of("--target-file", "f", "--accounts", "0"), List.of("--target-file"), List.of("--target-file", "f", "--what"),
                List.of("--target-file", "f", "--pop3-port", "70000"))) {
            List<String> all = new java.util.ArrayList<>(List.of("embedded-server"));
            all.addAll(args);
            CliRun run = CliRun.of(all.toArray(String[]::new));
            assertEquals(2, run.status(), args + ": " + run);
            assertTrue(run.oneErrorLine("embedded-server"), args + ": " + run);
        }
    }
}
