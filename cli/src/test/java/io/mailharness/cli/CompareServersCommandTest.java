package io.mailharness.cli;

import io.mailharness.faultserver.FaultyMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mailharness compare-servers}: which columns, one-line errors, and a short comparison of two servers. */
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
}
