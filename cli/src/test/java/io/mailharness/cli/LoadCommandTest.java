package io.mailharness.cli;

import io.mailharness.faultserver.Faults;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.faultserver.store.StoreFaults;
import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mailharness load} in this JVM: the bundled simulations pass against the embedded default with short
 * parameters; bad input is one line on stderr and exit 2; failed assertions exit 1.
 */
class LoadCommandTest {
    @Test
    void anUnknownSimulationIsOneLineThatListsTheBundledOnes() {
        CliRun run = CliRun.of("load", "NoSuchSim");
        assertEquals(ExitCode.USER_ERROR, run.status(), run.toString());
        assertTrue(run.oneErrorLine("load"), run.toString());
        assertTrue(run.err().contains("bundled: MailDay, SmtpConstantRate, SmtpSessions, Pop3Drain, SmtpBurst, SmtpIdleSessions"), run.err());
    }

    @Test
    void aRunStoppedBySigtermKeepsItsRecordAndReport(@TempDir Path folder) throws Exception {
        // A JVM of its own, as a user runs it: SIGTERM runs the shutdown hooks, and the JVM exits once they return.
        Path output = folder.resolve("load.out");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Mailharness.class.getName(), "load", "SmtpConstantRate",
                "-Dmailharness.duration=120", "-Dmailharness.rate=5", "--out", folder.resolve("results").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            org.awaitility.Awaitility.await("messages sent").atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(200))
                    .failFast("the run ended by itself", () -> !process.isAlive())
                    .until(() -> Files.readString(output).matches("(?s).*Mailharness ledger: sent=[1-9].*"));
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS), "the run stopped on SIGTERM");
            String printed = Files.readString(output);
            assertTrue(printed.contains("stopping on a signal"), printed);
            Path record;
            try (Stream<Path> found = Files.find(folder.resolve("results"), 2, (path, attributes) -> path.endsWith(RunRecord.FILE_NAME))) {
                record = found.findFirst().orElseThrow(() -> new AssertionError("no run record after SIGTERM: " + printed));
            }
            RunRecord run = RunRecordFiles.read(record);
            assertEquals("signal", run.parameters().get("stoppedBy"), "the record says the run was stopped");
            assertTrue(run.ledger().sent() > 0 && !run.requests().isEmpty(), "what was measured is kept: " + run.ledger());
            assertTrue(Files.exists(record.resolveSibling("index.html")), "the report is written too");
        } finally {
            process.destroyForcibly();
        }
    }

    @TempDir
    Path results;

    private CliRun load(String simulation, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("load", simulation, "--out", results.toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private RunRecord onlyRecord() throws IOException {
        try (Stream<Path> runs = Files.list(results)) {
            List<Path> folders = runs.filter(Files::isDirectory).toList();
            assertEquals(1, folders.size(), folders.toString());
            assertTrue(Files.exists(folders.get(0).resolve("index.html")), "the HTML report");
            return RunRecordFiles.read(folders.get(0).resolve(RunRecord.FILE_NAME));
        }
    }

    @Test
    void mailDayPassesAgainstTheEmbeddedDefault() throws IOException {
        CliRun run = load("MailDay", "-Dmailharness.duration=4", "-Dmailharness.rate=4");
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().contains("Report: ") && run.out().contains("Run record: "), "prints where the results are");

        RunRecord record = onlyRecord();
        assertEquals("MailDay", record.simulation());
        assertEquals("embedded-greenmail", record.target());
        for (String request : List.of("SMTP connect+greeting", "SMTP EHLO", "SMTP MAIL", "SMTP RCPT", "SMTP DATA", "SMTP end-of-data", "SMTP QUIT",
                "POP3 connect+greeting", "POP3 USER", "POP3 PASS", "POP3 STAT", "POP3 UIDL", "POP3 RETR", "POP3 DELE", "POP3 QUIT",
                RunRecord.DELIVERY_LATENCY, "ledger lost")) {
            assertTrue(record.requests().containsKey(request), request + " in " + record.requests().keySet());
        }
        assertTrue(record.ledger().accepted() >= 10, record.ledger().toString());
        assertEquals(record.ledger().accepted(), record.ledger().intact(), record.ledger().toString());
        assertEquals(0, record.ledger().lost());
        assertEquals(record.ledger().accepted(), record.requests().get(RunRecord.DELIVERY_LATENCY).count());
        assertFalse(record.requests().get("SMTP MAIL").histogram().isEmpty());
        assertTrue(record.injector().cpuAverage() > 0, "injector CPU sampled");
        assertEquals("4", record.parameters().get("mailharness.duration"));
        assertEquals(record.ledger().accepted(), record.messages().size());
    }

    @Test
    void smtpConstantRatePasses() throws IOException {
        assertEquals(0, load("SmtpConstantRate", "-Dmailharness.duration=2", "-Dmailharness.rate=5", "-Dmailharness.messageMix=fixed:2k").status());

        RunRecord record = onlyRecord();
        assertEquals(10, record.ledger().accepted(), record.ledger().toString());
        assertEquals(10, record.ledger().intact());
    }

    @Test
    void smtpSessionsReuseConnections() throws IOException {
        assertEquals(0, load("io.mailharness.simulations.SmtpSessions", "-Dmailharness.duration=2", "-Dmailharness.users=2",
                "-Dmailharness.messagesPerConnection=5").status());

        RunRecord record = onlyRecord();
        long connects = record.requests().get("SMTP connect+greeting").count();
        long mails = record.requests().get("SMTP MAIL").count();
        assertTrue(mails >= 4 * connects - 2 * 4, "about 5 messages per connection: " + connects + " connects, " + mails + " MAILs");
        assertEquals(record.ledger().accepted(), record.ledger().intact());
    }

    @Test
    void pop3DrainReadsWhatThePrefillSent() throws IOException {
        assertEquals(0, load("Pop3Drain", "-Dmailharness.duration=2", "-Dmailharness.prefill=12").status());

        RunRecord record = onlyRecord();
        assertEquals(12, record.ledger().retrieved(), record.ledger().toString());
        assertEquals(12, record.requests().get("POP3 DELE").ok());
    }

    @Test
    void aMissingSettingsFileIsOneLineAndExit2() {
        CliRun run = load("MailDay", "--target-file", results.resolve("nope.conf").toString());

        assertEquals(2, run.status());
        assertTrue(run.oneErrorLine("load") && run.err().contains("nope.conf"), run.toString());
    }

    @Test
    void theTargetFileMayAlsoComeAsAProperty() {
        CliRun run = load("MailDay", "-Dmailharness.target.file=" + results.resolve("nope.conf"));

        assertEquals(2, run.status());
        assertTrue(run.oneErrorLine("load") && run.err().contains("nope.conf"), run.toString());
    }

    @Test
    void anUnreachableTargetIsOneLineAndExit2() throws IOException {
        int closedPort = TargetFiles.closedPort();
        Path file = TargetFiles.write(results.resolve("targets.conf"), TargetFiles.target("gone", closedPort, closedPort, TargetFiles.account("a", "secret-pw")));

        CliRun run = load("MailDay", "--target-file", file.toString(), "--target", "gone");

        assertEquals(2, run.status());
        assertTrue(run.oneErrorLine("load") && run.err().contains("unreachable"), run.toString());
        assertFalse(run.err().contains("secret-pw"));
    }

    @Test
    void moreInjectorsThanAccountsIsOneLineBeforeTheRunStarts() throws IOException {
        int closedPort = TargetFiles.closedPort();
        Path file = TargetFiles.write(results.resolve("targets.conf"), TargetFiles.target("single", closedPort, closedPort, TargetFiles.account("a", "pw")));

        CliRun real = load("MailDay", "--target-file", file.toString(), "-Dmailharness.injector=2/2");
        assertEquals(2, real.status(), real.toString());
        assertEquals("mailharness load: mailharness.injector: injector 2/2 gets no account: the target has 1 (disposable) accounts for 2 injectors",
                real.err().strip(), "checked before the target is reached, let alone Gatling started");

        CliRun embedded = load("MailDay", "-Dmailharness.injector=5/5");
        assertEquals(2, embedded.status(), embedded.toString());
        assertTrue(embedded.oneErrorLine("load") && embedded.err().contains("injector 5/5 gets no account"), embedded.toString());
        try (Stream<Path> entries = Files.list(results)) {
            assertTrue(entries.noneMatch(Files::isDirectory), "no run was started");
        }
    }

    @Test
    void aBadParameterIsOneLineAndExit2() {
        CliRun run = load("MailDay", "-Dmailharness.users=many");

        assertEquals(2, run.status());
        assertEquals("mailharness load: mailharness.users: not a whole number: 'many'", run.err().strip());
    }

    @Test
    void anUnknownSimulationIsExit2() {
        CliRun run = load("NoSuchSimulation");
        assertEquals(2, run.status());
        assertTrue(run.oneErrorLine("load") && run.err().contains("NoSuchSimulation"), run.toString());
    }

    @Test
    void failedAssertionsExit1() throws IOException {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(StoreFaults.STORE_LOSE_MESSAGE))) {
            Path file = TargetFiles.write(results.resolve("faulty.conf"),
                    TargetFiles.target("faulty", server.smtpPort(), server.pop3Port(), TargetFiles.accounts(server.accounts())));
            Path load = results.resolve("load");

            CliRun run = CliRun.of("load", "MailDay", "--out=" + load, "--target-file=" + file,
                    "-Dmailharness.duration=2", "-Dmailharness.rate=2", "-Dmailharness.grace=1");
            assertEquals(1, run.status(), run.toString());

            try (Stream<Path> runs = Files.list(load)) {
                Path folder = runs.filter(Files::isDirectory).findFirst().orElseThrow();
                RunRecord record = RunRecordFiles.read(folder.resolve(RunRecord.FILE_NAME));
                assertEquals(record.ledger().accepted(), record.ledger().lost(), record.ledger().toString());
                assertTrue(record.ledger().lost() >= 3);
            }
        }
    }
}
