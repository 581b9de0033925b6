package io.mailharness.embedded;

import io.mailharness.client.SmtpSession;
import io.mailharness.settings.TargetSelection;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.TargetSettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedServerMainTest {
    @TempDir
    Path dir;

    @Test
    void writesATargetsFileTheLoaderReadsServesMailAndStopsWhenStdinCloses() throws Exception {
        Path file = dir.resolve("sub/targets.conf");
        PipedOutputStream stdinWriter = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(stdinWriter);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmbeddedServerMain.Options options = EmbeddedServerMain.Options.parse(new String[] {"--targets-file", file.toString(), "--accounts", "3", "--max-seconds", "60"});

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                EmbeddedServerMain.run(options, stdin, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        await().atMost(30, TimeUnit.SECONDS).until(() -> Files.exists(file));

        TargetSettings target = TargetSettingsLoader.load(file, TargetSelection.EMBEDDED_NAME, Map.of());
        assertEquals(3, target.disposableAccounts().size());
        assertEquals("127.0.0.1", target.requireSmtp().endpoint().host());
        try (SmtpSession smtp = SmtpSession.open(target, target.accounts().getFirst(), "client.example", null)) {
            var reply = smtp.sendMessage("sender@client.example", java.util.List.of(target.accounts().getFirst().address()),
                    "Subject: hello\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(250, reply.code());
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("embedded-greenmail {"), "the settings are printed too");

        stdinWriter.close();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("# embedded-server: stopped"));
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddedServerMain.Options.parse(new String[] {}));
        assertThrows(IllegalArgumentException.class, () -> EmbeddedServerMain.Options.parse(new String[] {"--targets-file", "f", "--smtp-port", "x"}));
        assertThrows(IllegalArgumentException.class, () -> EmbeddedServerMain.Options.parse(new String[] {"--targets-file", "f", "--accounts", "0"}));
        assertThrows(IllegalArgumentException.class, () -> EmbeddedServerMain.Options.parse(new String[] {"--targets-file"}));
        assertThrows(IllegalArgumentException.class, () -> EmbeddedServerMain.Options.parse(new String[] {"--targets-file", "f", "--what"}));
    }
}
