package io.mailharness.cli;

import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.TargetSettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mailharness compare-servers}: which columns, which lanes, one-line errors, and short comparisons of two servers. */
class CompareServersCommandTest {
    @TempDir
    Path dir;

    private static String target(String name, int smtpPort, int pop3Port) {
        return TargetFiles.target(name, smtpPort, pop3Port, TargetFiles.account("a", "p"));
    }

    private Path targets(String... definitions) throws IOException {
        return TargetFiles.write(dir.resolve("targets.conf"), definitions);
    }

    @Test
    void theColumnsAreGreenMailThenTheTargetsInFileOrderWithoutTransportVariants() throws IOException {
        Path file = targets(target("zeta", 2525, 2110), target("alpha", 2526, 2110), target("zeta-tls", 2587, 2995));
        assertEquals(List.of("embedded-greenmail", "zeta", "alpha"), ServerColumns.choose(file, List.of(), true));
        assertEquals(List.of("zeta", "alpha"), ServerColumns.choose(file, List.of(), false));
        assertEquals(List.of("zeta-tls", "alpha"), ServerColumns.choose(file, List.of("zeta-tls", "alpha"), true), "named: only those, in that order");
        assertEquals(List.of("embedded-greenmail", "alpha"), ServerColumns.choose(file, List.of("alpha", "embedded-greenmail"), false));
    }

    /** A target with its own ports, its own domain (so its own mailboxes) and the given extra HOCON (accounts, relay...). */
    private static String target(String name, int port, String domain, String extra) {
        return """
                  %s {
                    domain = "%s"
                    smtp { host = "127.0.0.1", port = %d }
                    pop3 { host = "127.0.0.1", port = %d }
                    accounts = [ { user = "u", password = "p", disposable = true } ]
                    %s
                  }
                """.formatted(name, domain, port, port + 1, extra);
    }

    private List<List<String>> lanes(List<String> columns, String... definitions) throws IOException {
        Map<String, TargetSettings> settings = TargetSettingsLoader.loadAll(targets(definitions), Map.of());
        return TargetLanes.of(columns, settings);
    }

    /** This project's own servers: the MTAs that deliver into Dovecot's maildrops queue behind Postfix + Dovecot, the rest run beside them. */
    @Test
    void theProjectsServersShareTheDovecotMaildropsAndNothingElse() {
        Path file = Path.of("..", "servers", "targets.conf");
        assertTrue(Files.isRegularFile(file), file.toAbsolutePath().toString());
        Map<String, TargetSettings> settings = TargetSettingsLoader.loadAll(file, Map.of());
        List<String> columns = List.of("embedded-greenmail", "postfix-dovecot", "exim", "opensmtpd", "courier-mta", "sendmail",
                "cyrus", "courier-pop", "mailutils-pop3d", "popa3d", "solid-pop3d");
        assertEquals(Set.copyOf(columns), Set.copyOf(ServerColumns.choose(file, List.of(), true)), "the default columns");
        assertEquals(List.of(List.of("embedded-greenmail"), List.of("postfix-dovecot", "exim", "opensmtpd", "courier-mta", "sendmail"),
                        List.of("cyrus"), List.of("courier-pop"), List.of("mailutils-pop3d"), List.of("popa3d"), List.of("solid-pop3d")),
                TargetLanes.of(columns, settings));
        assertEquals(List.of(List.of("cyrus"), List.of("postfix-dovecot-tls", "exim", "postfix-dovecot-stls")),
                TargetLanes.of(List.of("cyrus", "postfix-dovecot-tls", "exim", "postfix-dovecot-stls"), settings),
                "the transport variants read the same maildrops on other ports");
    }

    @Test
    void targetsShareALaneByMailboxByPop3LoginOrByRelayNextHopPort() throws IOException {
        assertEquals(List.of(List.of("a"), List.of("b")), lanes(List.of("a", "b"), target("a", 3000, "a.test", ""), target("b", 3010, "b.test", "")),
                "own ports, own domains: side by side");
        assertEquals(List.of(List.of("a", "b")), lanes(List.of("a", "b"), target("a", 3000, "same.test", ""), target("b", 3010, "same.test", "")),
                "the same mailbox address, delivered by two servers");
        assertEquals(List.of(List.of("a", "b")), lanes(List.of("a", "b"), target("a", 3000, "a.test", ""),
                        target("b", 3010, "b.test", "pop3 { host = \"127.0.0.1\", port = 3001 }")),
                "the same POP3 login on the same POP3 service is the same maildrop, whatever the domain");
        String relay = "relay { domain = \"relay.test\", next-hop-port = %d }";
        assertEquals(List.of(List.of("a", "b")), lanes(List.of("a", "b"), target("a", 3000, "a.test", relay.formatted(2626)),
                target("b", 3010, "b.test", relay.formatted(2626))), "one next-hop listener at a time");
        assertEquals(List.of(List.of("a"), List.of("b")), lanes(List.of("a", "b"), target("a", 3000, "a.test", relay.formatted(2626)),
                target("b", 3010, "b.test", relay.formatted(2627))));
    }

    @Test
    void aTargetThatSharesWithTwoLanesJoinsThemInColumnOrder() throws IOException {
        String both = "accounts = [ { address = \"u@a.test\", user = \"x\", password = \"p\" }, { address = \"u@b.test\", user = \"y\", password = \"p\" } ]";
        assertEquals(List.of(List.of("embedded-greenmail"), List.of("b", "a", "c"), List.of("d")),
                lanes(List.of("embedded-greenmail", "b", "d", "a", "c"), target("a", 3000, "a.test", ""), target("b", 3010, "b.test", ""),
                        target("c", 3020, "c.test", both), target("d", 3030, "d.test", "")));
    }

    @Test
    void aMissingFileOrAnUnknownTargetIsOneLineAndExit2() throws IOException {
        CliRun missing = CliRun.of("compare-servers", "--target-file", dir.resolve("none.conf").toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.oneErrorLine("compare-servers") && missing.err().contains("none.conf"), missing.toString());

        Path file = targets(target("alpha", 2526, 2110));
        CliRun unknown = CliRun.of("compare-servers", "--target-file", file.toString(), "--target=alpha,beta", "--out", dir.resolve("out").toString());
        assertEquals(2, unknown.status());
        assertTrue(unknown.oneErrorLine("compare-servers") && unknown.err().contains("no target 'beta'"), unknown.toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing run, nothing written");

        CliRun none = CliRun.of("compare-servers", "--target-file", file.toString(), "--parallel", "0", "--out", dir.resolve("out").toString());
        assertEquals(2, none.status());
        assertTrue(none.oneErrorLine("compare-servers") && none.err().contains("--parallel must be at least 1"), none.toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing run, nothing written");

        CliRun half = CliRun.of("compare-servers", "--only", "everything");
        assertEquals(2, half.status());
        assertTrue(half.oneErrorLine("compare-servers") && half.err().contains("--only"), half.toString());
    }

    /** Each server's load run in a JVM of its own; a server that cannot be reached becomes an unavailable column. */
    @Test
    void aLoadComparisonOfAServerAndAnUnreachableOne() throws IOException {
        int closedPort = TargetFiles.closedPort();
        try (FaultyMailServer server = FaultyMailServer.start()) {
            Path file = targets(TargetFiles.target("faulty", server.smtpPort(), server.pop3Port(), TargetFiles.accounts(server.accounts())),
                    target("gone", closedPort, closedPort));
            Path out = dir.resolve("compare");
            CliRun run = CliRun.of("compare-servers", "--target-file", file.toString(), "--no-greenmail", "--only=load", "--out", out.toString(),
                    "SmtpConstantRate", "-Dmailharness.duration=2", "-Dmailharness.rate=2", "-Dmailharness.grace=2");
            assertEquals(0, run.status(), run.toString());
            assertTrue(run.err().contains("2 columns (faulty gone)"), run.err());
            assertTrue(run.out().contains("load-comparison.html"), run.out());
            assertFalse(Files.exists(out.resolve("conformance-matrix.html")), "--only=load: no conformance half");

            String json = Files.readString(out.resolve("load-comparison.json"));
            assertTrue(json.contains("\"faulty\"") && json.contains("\"gone\""), json);
            assertTrue(json.contains("unreachable"), "the unavailable column gives the last line its run printed: " + json);
            assertTrue(Files.readString(out.resolve("load").resolve("faulty.log")).contains("Run record: "), "the run's own log");
            assertTrue(Files.exists(out.resolve("versions.txt")));
        }
    }

    /** Conformance runs of independent targets side by side: one line per finished run, the columns in target order all the same. */
    @Test
    void independentTargetsRunTheirConformanceSideBySide() throws IOException {
        Path file = targets(target("first", TargetFiles.closedPort(), TargetFiles.closedPort()).replace("mailharness.test", "first.test"),
                target("second", TargetFiles.closedPort(), TargetFiles.closedPort()).replace("mailharness.test", "second.test"));
        Path out = dir.resolve("compare");
        CliRun run = CliRun.of("compare-servers", "--target-file", file.toString(), "--target", "second,first", "--only=conformance", "--parallel=2",
                "--out", out.toString());
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.err().contains("== conformance: 2 lanes, at most 2 at once: second | first"), run.err());
        for (String name : List.of("first", "second")) {
            assertTrue(run.err().lines().anyMatch(line -> line.startsWith("== [" + name + "] conformance ") && line.endsWith(" s)")), run.err());
            assertTrue(Files.exists(out.resolve("conformance").resolve(name + ".log")), "each run logged beside its results");
        }
        String json = Files.readString(out.resolve("conformance-matrix.json"));
        assertTrue(json.indexOf("\"second\"") >= 0 && json.indexOf("\"second\"") < json.indexOf("\"first\""), "columns in target order: " + json);
        List<String> times = Files.readAllLines(out.resolve(CompareServersCommand.RUN_TIMES));
        assertEquals(2, times.size(), times.toString());
        assertTrue(times.stream().allMatch(line -> line.matches("conformance (first|second) \\d+\\.\\d")), times.toString());
    }
}
