package io.mailharness.simulations;

import io.mailharness.faultserver.Faults;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.faultserver.LocalAccount;
import io.mailharness.faultserver.store.StoreFaults;
import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher as {@code ./mailharness load} runs it, in this JVM: the bundled simulations pass against
 * the embedded default with short parameters; bad input is one line on stderr and exit 2; failed
 * assertions exit 1.
 */
class SimulationLauncherTest {
    private static final List<String> PROPERTIES = List.of("mailharness.duration", "mailharness.rate", "mailharness.users",
            "mailharness.messagesPerConnection", "mailharness.grace", "mailharness.prefill", "mailharness.readInterval",
            "mailharness.messageMix", "mailharness.target.file", "mailharness.target", "mailharness.injector");

    @TempDir
    Path results;

    @AfterEach
    void clearProperties() {
        PROPERTIES.forEach(System::clearProperty);
    }

    private int launch(String simulation) {
        return SimulationLauncher.run(new String[] {"io.mailharness.simulations." + simulation, results.toString()});
    }

    private record Launch(int status, String stderr) {}

    private Launch launchCapturingStderr(String simulation) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return new Launch(launch(simulation), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
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
        System.setProperty("mailharness.duration", "4");
        System.setProperty("mailharness.rate", "4");

        assertEquals(0, launch("MailDay"));

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
        System.setProperty("mailharness.duration", "2");
        System.setProperty("mailharness.rate", "5");
        System.setProperty("mailharness.messageMix", "fixed:2k");

        assertEquals(0, launch("SmtpConstantRate"));

        RunRecord record = onlyRecord();
        assertEquals(10, record.ledger().accepted(), record.ledger().toString());
        assertEquals(10, record.ledger().intact());
    }

    @Test
    void smtpSessionsReuseConnections() throws IOException {
        System.setProperty("mailharness.duration", "2");
        System.setProperty("mailharness.users", "2");
        System.setProperty("mailharness.messagesPerConnection", "5");

        assertEquals(0, launch("SmtpSessions"));

        RunRecord record = onlyRecord();
        long connects = record.requests().get("SMTP connect+greeting").count();
        long mails = record.requests().get("SMTP MAIL").count();
        assertTrue(mails >= 4 * connects - 2 * 4, "about 5 messages per connection: " + connects + " connects, " + mails + " MAILs");
        assertEquals(record.ledger().accepted(), record.ledger().intact());
    }

    @Test
    void pop3DrainReadsWhatThePrefillSent() throws IOException {
        System.setProperty("mailharness.duration", "2");
        System.setProperty("mailharness.prefill", "12");

        assertEquals(0, launch("Pop3Drain"));

        RunRecord record = onlyRecord();
        assertEquals(12, record.ledger().retrieved(), record.ledger().toString());
        assertEquals(12, record.requests().get("POP3 DELE").ok());
    }

    @Test
    void aMissingSettingsFileIsOneLineAndExit2() {
        System.setProperty("mailharness.target.file", results.resolve("nope.conf").toString());

        Launch launch = launchCapturingStderr("MailDay");

        assertEquals(2, launch.status());
        assertEquals(1, launch.stderr().lines().count(), launch.stderr());
        assertTrue(launch.stderr().contains("nope.conf"), launch.stderr());
    }

    @Test
    void anUnreachableTargetIsOneLineAndExit2() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path file = results.resolve("targets.conf");
        Files.writeString(file, """
                targets { gone {
                  smtp { host = "127.0.0.1", port = %d }
                  pop3 { host = "127.0.0.1", port = %d }
                  timeouts { connect = 2s, read = 2s }
                  accounts = [ { address = "a@mh.test", user = "a", password = "secret-pw", disposable = true } ]
                } }
                """.formatted(closedPort, closedPort));
        System.setProperty("mailharness.target.file", file.toString());

        Launch launch = launchCapturingStderr("MailDay");

        assertEquals(2, launch.status());
        assertEquals(1, launch.stderr().lines().count(), launch.stderr());
        assertTrue(launch.stderr().contains("unreachable"), launch.stderr());
        assertFalse(launch.stderr().contains("secret-pw"));
    }

    @Test
    void aBadParameterIsOneLineAndExit2() {
        System.setProperty("mailharness.users", "many");

        Launch launch = launchCapturingStderr("MailDay");

        assertEquals(2, launch.status());
        assertEquals("mailharness load: mailharness.users: not a whole number: 'many'", launch.stderr().strip());
    }

    @Test
    void anUnknownSimulationIsExit2() {
        assertEquals(2, launchCapturingStderr("NoSuchSimulation").status());
    }

    @Test
    void failedAssertionsExit1() throws IOException {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(StoreFaults.STORE_LOSE_MESSAGE))) {
            String accounts = server.accounts().stream().map(SimulationLauncherTest::account).collect(Collectors.joining("\n"));
            Path file = results.resolve("faulty.conf");
            Files.writeString(file, """
                    targets { faulty {
                      smtp { host = "%s", port = %d }
                      pop3 { host = "%s", port = %d }
                      timeouts { connect = 2s, read = 5s }
                      accounts = [
                    %s
                      ]
                    } }
                    """.formatted(server.host(), server.smtpPort(), server.host(), server.pop3Port(), accounts));
            Files.createDirectories(results.resolve("load"));
            System.setProperty("mailharness.target.file", file.toString());
            System.setProperty("mailharness.duration", "2");
            System.setProperty("mailharness.rate", "2");
            System.setProperty("mailharness.grace", "1");

            assertEquals(1, SimulationLauncher.run(new String[] {"io.mailharness.simulations.MailDay", results.resolve("load").toString()}));

            try (Stream<Path> runs = Files.list(results.resolve("load"))) {
                Path run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
                RunRecord record = RunRecordFiles.read(run.resolve(RunRecord.FILE_NAME));
                assertEquals(record.ledger().accepted(), record.ledger().lost(), record.ledger().toString());
                assertTrue(record.ledger().lost() >= 3);
            }
        }
    }

    private static String account(LocalAccount a) {
        return "    { address = \"" + a.address() + "\", user = \"" + a.user() + "\", password = \"" + a.password() + "\", disposable = true }";
    }
}
