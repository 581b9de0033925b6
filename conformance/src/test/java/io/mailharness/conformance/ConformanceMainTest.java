package io.mailharness.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.faultserver.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: exit codes, one-line errors, what it writes. Runs against the fault server on 127.0.0.1. */
class ConformanceMainTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ConformanceMain.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A fault server with one message for alice (an empty maildrop would leave the listing checks little to judge). */
    private static FaultyMailServer server(Faults faults) {
        FaultyMailServer server = FaultyMailServer.start(faults);
        server.insertRaw("alice", "Subject: seeded\r\n\r\nhello\r\n");
        return server;
    }

    private Path settingsFor(int smtpPort, int pop3Port, String password) throws IOException {
        Path file = temp.resolve("targets.conf");
        Files.writeString(file, """
                targets {
                  faulty {
                    smtp { host = "127.0.0.1", port = %d }
                    pop3 { host = "127.0.0.1", port = %d }
                    timeouts { connect = 2s, read = 5s }
                    accounts = [ { address = "alice@mailharness.test", user = "alice", password = "%s", disposable = true } ]
                  }
                }
                """.formatted(smtpPort, pop3Port, password));
        return file;
    }

    @Test
    void unknownOptionIsOneLineAndExit2() {
        assertEquals(2, run("--no-such-option"));
        assertEquals(1, stderr().strip().lines().count(), stderr());
        assertTrue(stderr().contains("--no-such-option"));
    }

    @Test
    void selectionMatchingNothingIsExit2() {
        assertEquals(2, run("--select", "NOPE-*", "--out", temp.resolve("r").toString()));
        assertFalse(Files.exists(temp.resolve("r")), "no result directory is left behind");
    }

    @Test
    void badSettingsFileIsOneLineAndExit2() throws IOException {
        Path file = temp.resolve("broken.conf");
        Files.writeString(file, "targets { x { smtp { port = \"not a number\" } } }");
        assertEquals(2, run("--target-file", file.toString(), "--out", temp.resolve("r").toString()));
        assertEquals(1, stderr().strip().lines().count(), stderr());
        assertFalse(stderr().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(temp.resolve("r")));
    }

    @Test
    void unreachableTargetIsExit2WithoutResults() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path file = settingsFor(closedPort, closedPort, "x");
        assertEquals(2, run("--target-file", file.toString(), "--out", temp.resolve("r").toString()));
        assertTrue(stderr().contains("unreachable"), stderr());
        assertEquals(1, stderr().strip().lines().count(), stderr());
        assertFalse(Files.exists(temp.resolve("r")));
    }

    @Test
    void badCredentialsAreExit2() throws IOException {
        try (FaultyMailServer server = server(Faults.none())) {
            Path file = settingsFor(server.smtpPort(), server.pop3Port(), "wrong-password");
            assertEquals(2, run("--target-file", file.toString(), "--out", temp.resolve("r").toString()));
            assertTrue(stderr().contains("login"), stderr());
        }
    }

    @Test
    void passingRunExits0AndWritesJsonSummaryAndJunitXml() throws IOException {
        try (FaultyMailServer server = server(Faults.none())) {
            Path file = settingsFor(server.smtpPort(), server.pop3Port(), "alice-secret");
            Path results = temp.resolve("r");
            assertEquals(0, run("--target-file", file.toString(), "--select", "SMTP-QUIT", "--select", "POP-GRT", "--out", results.toString()), stderr());
            JsonNode json = new ObjectMapper().readTree(results.resolve("conformance-result.json").toFile());
            assertEquals("faulty", json.get("target").asText());
            assertTrue(json.get("serverGreeting").get("smtp").asText().startsWith("220 "));
            assertEquals(2, json.get("checks").size());
            assertEquals("PASS", json.get("checks").get(0).get("outcome").asText());
            assertTrue(Files.readString(results.resolve("summary.txt")).contains("2 checks: 2 pass"));
            assertTrue(Files.readString(results.resolve("junit/TEST-junit-jupiter.xml")).contains("SMTP-QUIT"));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("conformance-result.json"), "prints what it wrote");
        }
    }

    @Test
    void failingCheckExits1AndReportOnlyExits0() throws IOException {
        try (FaultyMailServer server = server(Faults.named("SMTP_NOOP_NOT_250"))) {
            Path file = settingsFor(server.smtpPort(), server.pop3Port(), "alice-secret");
            assertEquals(1, run("--target-file", file.toString(), "--select", "SMTP-NOOP", "--out", temp.resolve("a").toString()));
            assertEquals(0, run("--target-file", file.toString(), "--select", "SMTP-NOOP", "--report-only", "--out", temp.resolve("b").toString()));
            JsonNode check = new ObjectMapper().readTree(temp.resolve("b/conformance-result.json").toFile()).get("checks").get(0);
            assertEquals("FAIL", check.get("outcome").asText());
            assertTrue(check.get("transcript").asText().contains("C: NOOP\\r\\n"), "CR/LF visible in the transcript");
        }
    }

    @Test
    void warnFailsOnlyInStrictMode() throws IOException {
        try (FaultyMailServer server = server(Faults.named("SMTP_UNKNOWN_COMMAND_250"))) {
            Path file = settingsFor(server.smtpPort(), server.pop3Port(), "alice-secret");
            assertEquals(0, run("--target-file", file.toString(), "--select", "SMTP-CMD-UNKNOWN", "--out", temp.resolve("a").toString()));
            assertEquals(1, run("--target-file", file.toString(), "--select", "SMTP-CMD-UNKNOWN", "--strict", "--out", temp.resolve("b").toString()));
        }
    }

    @Test
    void selectionByRfcAndTag() throws IOException {
        try (FaultyMailServer server = server(Faults.none())) {
            Path file = settingsFor(server.smtpPort(), server.pop3Port(), "alice-secret");
            Path results = temp.resolve("r");
            assertEquals(0, run("--target-file", file.toString(), "--rfc", "1939", "--tag", "read-only", "--exclude-tag", "anti-abuse", "--out", results.toString()), out.toString(StandardCharsets.UTF_8) + stderr());
            JsonNode checks = new ObjectMapper().readTree(results.resolve("conformance-result.json").toFile()).get("checks");
            assertTrue(checks.size() > 3);
            for (JsonNode check : checks) {
                assertTrue(check.get("id").asText().startsWith("POP-"), check.toString());
                assertFalse(check.get("tags").toString().contains("anti-abuse"));
                assertFalse(check.get("tags").toString().contains("mutates-mailbox"));
            }
        }
    }
}
