package io.mailharness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.faultserver.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mailharness conformance}: exit codes, one-line errors, what it writes. Runs against the fault server on 127.0.0.1. */
class ConformanceCommandTest {
    @TempDir
    Path temp;

    /** A fault server with one message for alice (an empty maildrop would leave the listing checks little to judge). */
    private static FaultyMailServer server(Faults faults) {
        FaultyMailServer server = FaultyMailServer.start(faults);
        server.insertRaw("alice", "Subject: seeded\r\n\r\nhello\r\n");
        return server;
    }

    private Path settingsFor(int smtpPort, int pop3Port, String password) throws IOException {
        return TargetFiles.write(temp.resolve("targets.conf"), TargetFiles.target("faulty", smtpPort, pop3Port, TargetFiles.account("alice", password)));
    }

    private static CliRun conformance(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "conformance";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }

    @Test
    void unknownOptionIsOneLineAndExit2() {
        CliRun run = conformance("--no-such-option");
        assertEquals(2, run.status(), run.toString());
        assertTrue(run.oneErrorLine("conformance"), run.toString());
        assertTrue(run.err().contains("--no-such-option"));
    }

    @Test
    void aBadRfcNumberAndAMissingValueAreOneLineAndExit2() {
        CliRun rfc = conformance("--rfc", "fivethree");
        assertEquals(2, rfc.status());
        assertTrue(rfc.oneErrorLine("conformance") && rfc.err().contains("an RFC number such as 5321"), rfc.toString());
        CliRun missing = conformance("--out");
        assertEquals(2, missing.status());
        assertTrue(missing.oneErrorLine("conformance") && missing.err().contains("--out"), missing.toString());
    }

    @Test
    void aTargetNameWithoutASettingsFileIsExit2() {
        CliRun run = conformance("--target", "postfix-dovecot", "--out", temp.resolve("r").toString());
        assertEquals(2, run.status());
        assertTrue(run.oneErrorLine("conformance") && run.err().contains("--target-file"), run.toString());
    }

    @Test
    void anUnknownTagIsOneLineThatListsTheKnownOnes() {
        for (String option : new String[] {"--tag", "--exclude-tag"}) {
            CliRun run = conformance(option, "bogus", "--out", temp.resolve("r").toString());
            assertEquals(ExitCode.USER_ERROR, run.status(), run.toString());
            assertTrue(run.oneErrorLine("conformance"), run.toString());
            assertTrue(run.err().contains("unknown tag 'bogus' (known: ") && run.err().contains("read-only") && run.err().contains("must"), run.err());
        }
    }

    @Test
    void selectionMatchingNothingIsExit2() {
        CliRun run = conformance("--select", "NOPE-*", "--out", temp.resolve("r").toString());
        assertEquals(2, run.status());
        assertTrue(run.oneErrorLine("conformance"), run.toString());
        assertFalse(Files.exists(temp.resolve("r")), "no result directory is left behind");
    }

    @Test
    void badSettingsFileIsOneLineAndExit2() throws IOException {
        Path file = temp.resolve("broken.conf");
        Files.writeString(file, "targets { x { smtp { port = \"not a number\" } } }");
        CliRun run = conformance("--target-file", file.toString(), "--out", temp.resolve("r").toString());
        assertEquals(2, run.status());
        assertTrue(run.oneErrorLine("conformance"), run.toString());
        assertFalse(Files.exists(temp.resolve("r")));
    }

    @Test
    void unreachableTargetIsExit2WithoutResults() throws IOException {
        int closedPort = TargetFiles.closedPort();
        Path file = settingsFor(closedPort, closedPort, "x");
        CliRun run = conformance("--target-file", file.toString(), "--out", temp.resolve("r").toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("unreachable") && run.oneErrorLine("conformance"), run.toString());
        assertFalse(Files.exists(temp.resolve("r")));
    }

    @Test
    void badCredentialsAreExit2() throws IOException {
        try (FaultyMailServer server = server(Faults.none())) {
            Path file = settingsFor(server.smtpPort(), server.pop3Port(), "wrong-password");
            CliRun run = conformance("--target-file", file.toString(), "--out", temp.resolve("r").toString());
            assertEquals(2, run.status());
            assertTrue(run.err().contains("login"), run.toString());
            assertFalse(run.err().contains("wrong-password"), "no credentials in the error");
        }
    }

    @Test
    void passingRunExits0AndWritesPageJsonSummaryAndJunitXml() throws IOException {
        try (FaultyMailServer server = server(Faults.none())) {
            Path file = settingsFor(server.smtpPort(), server.pop3Port(), "alice-secret");
            Path results = temp.resolve("r");
            CliRun run = conformance("--target-file=" + file, "--target=faulty", "--select", "SMTP-QUIT", "--select=POP-GRT", "--out=" + results);
            assertEquals(0, run.status(), run.toString());
            JsonNode json = new ObjectMapper().readTree(results.resolve("conformance-result.json").toFile());
            assertEquals("faulty", json.get("target").asText());
            assertTrue(json.get("serverGreeting").get("smtp").asText().startsWith("220 "));
            assertEquals(2, json.get("checks").size());
            assertEquals("PASS", json.get("checks").get(0).get("outcome").asText());
            assertTrue(Files.readString(results.resolve("summary.txt")).contains("2 checks: 2 pass"));
            assertTrue(Files.readString(results.resolve("junit/TEST-junit-jupiter.xml")).contains("SMTP-QUIT"));
            assertTrue(run.out().contains("conformance-result.json"), "prints what it wrote");
            String page = Files.readString(results.resolve("conformance.html"));
            assertTrue(page.contains("SMTP-QUIT") && page.contains("POP-GRT") && page.contains("faulty"), "the run's own page");
            String wrote = run.out().substring(run.out().indexOf("Wrote:"));
            assertTrue(wrote.lines().skip(1).findFirst().orElseThrow().endsWith("conformance.html"), "the page is listed first: " + wrote);
        }
    }

    @Test
    void aRunStoppedBySigtermWritesTheVerdictsItReached() throws Exception {
        // An SMTP server that answers every command 250, but says nothing more on a connection that begins with RSET:
        // run one after the other, SMTP-VRFY reaches a verdict, then SMTP-RSET hangs until the signal.
        CountDownLatch hanging = new CountDownLatch(1);
        ExecutorService sessions = Executors.newFixedThreadPool(4);
        try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            sessions.execute(() -> {
                for (int accepted = 0; accepted < 8; accepted++) { // preflight, SMTP-VRFY and SMTP-RSET open three
                    try {
                        Socket socket = listener.accept();
                        sessions.execute(() -> answerUntil("RSET", OK, socket, hanging));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            Path file = Files.writeString(temp.resolve("targets.conf"), """
                    targets { answering {
                      smtp { host = "127.0.0.1", port = %d }
                      timeouts { connect = 2s, read = 120s }
                      accounts = [ %s ]
                    } }
                    """.formatted(listener.getLocalPort(), TargetFiles.account("alice", "alice-secret")));
            Path output = temp.resolve("conformance.out");
            Path results = temp.resolve("results");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-Dmailharness.conformance.parallelism=1", "-cp", System.getProperty("java.class.path"), Mailharness.class.getName(),
                    "conformance", "--target-file", file.toString(), "--select", "SMTP-VRFY", "--select", "SMTP-RSET", "--out", results.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                assertTrue(hanging.await(60, TimeUnit.SECONDS), "SMTP-RSET reached its silent server");
                process.destroy(); // SIGTERM
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the run stopped on SIGTERM");
                String printed = Files.readString(output);
                assertTrue(printed.contains("stopping on a signal"), printed);
                JsonNode result = new ObjectMapper().readTree(results.resolve("conformance-result.json").toFile());
                assertEquals(1, result.get("unfinished").asInt(), "the file says the run did not finish");
                JsonNode checks = result.get("checks");
                assertEquals(2, checks.size(), checks.toString());
                assertEquals("SMTP-VRFY", checks.get(0).get("id").asText());
                assertEquals("FAIL", checks.get(0).get("outcome").asText(), "the verdict reached before the signal is kept");
                assertEquals("SMTP-RSET", checks.get(1).get("id").asText());
                assertEquals("SKIP", checks.get(1).get("outcome").asText());
                assertEquals("not finished: the run was stopped by a signal", checks.get(1).get("actual").asText());
                assertTrue(Files.readString(results.resolve("summary.txt")).contains("Incomplete: 1 of 2 checks did not finish"), printed);
                assertTrue(Files.readString(results.resolve("conformance.html")).contains("incomplete: stopped with 1 of 2 checks not finished"), printed);
            } finally {
                process.destroyForcibly();
            }
        } finally {
            sessions.shutdownNow();
        }
    }

    @Test
    void aServerSilentAfterItsGreetingIsOneLineAndExit2BeforeAnyCheck() throws IOException {
        CliRun run = againstAnsweringServer("NOOP", OK, "");
        assertTrue(run.err().contains("greeted, then did not answer NOOP: no reply within the read timeout"), run.err());
    }

    @Test
    void aListenerSetToStarttlsThatRefusesItIsOneLineAndExit2BeforeAnyCheck() throws IOException {
        CliRun run = againstAnsweringServer("none", OK, ", security = starttls");
        assertTrue(run.err().contains("refused STARTTLS (250 ok\\r\\n), and the target settings say security = starttls"), run.err());
    }

    @Test
    void aListenerSetToStarttlsThatAnswersEhloTwiceIsOneLineNotAnInternalError() throws IOException {
        CliRun run = againstAnsweringServer("none", "250 ok\r\n250 and again\r\n", ", security = starttls");
        assertTrue(run.err().contains("after the reply to EHLO client.example expected: one reply, nothing more"), run.err());
        assertFalse(run.err().contains("internal error"), run.err());
    }

    /** A conformance run against a server that answers 250 to everything but falls silent on {@code silentOn}: exit 2, one line, nothing written. */
    private CliRun againstAnsweringServer(String silentOn, String ehloReply, String smtpSettings) throws IOException {
        ExecutorService sessions = Executors.newFixedThreadPool(2);
        try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            sessions.execute(() -> {
                try {
                    answerUntil(silentOn, ehloReply, listener.accept(), new CountDownLatch(1));
                } catch (IOException closed) {
                    // the test is over
                }
            });
            Path file = Files.writeString(temp.resolve("targets.conf"), """
                    targets { answering {
                      smtp { host = "127.0.0.1", port = %d%s }
                      timeouts { connect = 2s, read = 1s }
                      accounts = [ %s ]
                    } }
                    """.formatted(listener.getLocalPort(), smtpSettings, TargetFiles.account("alice", "alice-secret")));
            CliRun run = conformance("--target-file", file.toString(), "--out", temp.resolve("out").toString());
            assertEquals(2, run.status(), run.toString());
            assertEquals(1, run.err().strip().lines().filter(line -> !line.contains("note:")).count(), run.err());
            assertFalse(Files.exists(temp.resolve("out/conformance-result.json")), "nothing written");
            return run;
        } finally {
            sessions.shutdownNow();
        }
    }

    private static final String OK = "250 ok\r\n";

    /** One session of a test server: 250 to everything ({@code ehloReply} to EHLO, 221 to QUIT), and silence when {@code silentOn} is its first command. */
    private static void answerUntil(String silentOn, String ehloReply, Socket socket, CountDownLatch hanging) {
        try (socket) {
            socket.setSoTimeout(90_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write("220 answering ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            String first = in.readLine();
            if (silentOn.equals(first)) {
                hanging.countDown();
                while (in.readLine() != null) { /* silent until the client goes */ }
                return;
            }
            for (String line = first; line != null; line = in.readLine()) {
                boolean quit = line.equalsIgnoreCase("QUIT");
                String reply = quit ? "221 bye\r\n" : line.startsWith("EHLO ") ? ehloReply : OK;
                out.write(reply.getBytes(StandardCharsets.US_ASCII));
                if (quit) return;
            }
        } catch (IOException gone) {
            // the client went away
        }
    }

    @Test
    void failingCheckExits1AndReportOnlyExits0() throws IOException {
        try (FaultyMailServer server = server(Faults.named("SMTP_NOOP_NOT_250"))) {
            Path file = settingsFor(server.smtpPort(), server.pop3Port(), "alice-secret");
            assertEquals(1, conformance("--target-file", file.toString(), "--select", "SMTP-NOOP", "--out", temp.resolve("a").toString()).status());
            assertEquals(0, conformance("--target-file", file.toString(), "--select", "SMTP-NOOP", "--report-only", "--out", temp.resolve("b").toString()).status());
            JsonNode check = new ObjectMapper().readTree(temp.resolve("b/conformance-result.json").toFile()).get("checks").get(0);
            assertEquals("FAIL", check.get("outcome").asText());
            assertTrue(check.get("transcript").asText().contains("C: NOOP\\r\\n"), "CR/LF visible in the transcript");
        }
    }

    @Test
    void warnFailsOnlyInStrictMode() throws IOException {
        try (FaultyMailServer server = server(Faults.named("SMTP_UNKNOWN_COMMAND_250"))) {
            Path file = settingsFor(server.smtpPort(), server.pop3Port(), "alice-secret");
            assertEquals(0, conformance("--target-file", file.toString(), "--select", "SMTP-CMD-UNKNOWN", "--out", temp.resolve("a").toString()).status());
            assertEquals(1, conformance("--target-file", file.toString(), "--select", "SMTP-CMD-UNKNOWN", "--strict", "--out", temp.resolve("b").toString()).status());
        }
    }

    @Test
    void selectionByRfcAndTag() throws IOException {
        try (FaultyMailServer server = server(Faults.none())) {
            Path file = settingsFor(server.smtpPort(), server.pop3Port(), "alice-secret");
            Path results = temp.resolve("r");
            CliRun run = conformance("--target-file", file.toString(), "--rfc", "RFC 1939", "--tag", "read-only", "--exclude-tag", "anti-abuse", "--out", results.toString());
            assertEquals(0, run.status(), run.toString());
            JsonNode checks = new ObjectMapper().readTree(results.resolve("conformance-result.json").toFile()).get("checks");
            assertTrue(checks.size() > 3);
            for (JsonNode check : checks) {
                assertTrue(check.get("id").asText().startsWith("POP-"), check.toString());
                assertFalse(check.get("tags").toString().contains("anti-abuse"));
                assertFalse(check.get("tags").toString().contains("mutates-mailbox"));
            }
        }
    }

    @Test
    void aSettingOverrideGivenWithMinusDIsUsed() throws IOException {
        try (FaultyMailServer server = server(Faults.none())) {
            Path file = settingsFor(TargetFiles.closedPort(), server.pop3Port(), "alice-secret");
            CliRun run = conformance("--target-file", file.toString(), "-Dmailharness.smtp.port=" + server.smtpPort(),
                    "--select", "SMTP-QUIT", "--out", temp.resolve("r").toString());
            assertEquals(0, run.status(), run.toString());
        }
    }
}
