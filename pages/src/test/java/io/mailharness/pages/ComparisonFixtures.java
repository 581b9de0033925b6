package io.mailharness.pages;

import io.mailharness.record.Ledger;
import io.mailharness.record.MessageTrace;
import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;
import io.mailharness.result.CheckResult;
import io.mailharness.result.ConformanceRun;
import io.mailharness.result.Level;
import io.mailharness.result.Outcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Synthetic conformance runs and run records, shaped like the real ones, for the comparison tests. */
final class ComparisonFixtures {
    static final Instant GENERATED = Instant.parse("2025-01-02T03:04:05Z");
    /** A transcript with everything that must be escaped: markup, an ampersand, CR LF, a lone CR, a script end tag. */
    static final String HOSTILE_TRANSCRIPT = "C: MAIL FROM:<a&b@example.org>\r\nS: 250 ok </script><b>bold</b>\rC: DATA\n";

    private ComparisonFixtures() {}

    static CheckResult check(String id, String section, String title, Level level, List<String> tags, Outcome outcome, String transcript) {
        boolean passed = outcome == Outcome.PASS;
        return new CheckResult(id, List.of("5321"), section, title, level, "The server does " + id.toLowerCase(), tags, outcome,
                passed ? "" : "a 250 reply", passed ? "" : "a " + outcome + " reply", passed ? "" : transcript, 12);
    }

    /** Six checks over three sections; the outcomes of two checks depend on the server. */
    static ConformanceRun run(String target, Outcome noopOutcome, Outcome vrfyOutcome) {
        List<CheckResult> checks = new ArrayList<>();
        checks.add(check("SMTP-GREETING", "4.2", "SMTP Replies", Level.MUST, List.of("read-only"), Outcome.PASS, ""));
        checks.add(check("SMTP-EHLO", "4.1.1.1", "EHLO", Level.MUST, List.of("read-only"), Outcome.PASS, ""));
        checks.add(check("SMTP-NOOP", "4.1.1.9", "NOOP", Level.MUST, List.of("read-only"), noopOutcome, HOSTILE_TRANSCRIPT));
        checks.add(check("SMTP-VRFY", "3.5.3", "VRFY", Level.SHOULD, List.of("read-only", "anti-abuse"), vrfyOutcome, "C: VRFY postmaster\r\nS: 252 maybe\r\n"));
        checks.add(check("SMTP-8BITMIME", "3.1", "8BITMIME", Level.MAY, List.of("mutates-mailbox"), Outcome.SKIP, "-- not advertised\n"));
        checks.add(check("SMTP-BANNER-NAME", "4.2", "SMTP Replies", Level.INFO, List.of(), Outcome.INFO, "S: 220 mx.example ESMTP\r\n"));
        return new ConformanceRun(target, target + " on 127.0.0.1", "220 " + target + " ESMTP", "+OK " + target + " ready",
                "2025-01-02T03:00:00Z", false, checks);
    }

    /** Two servers that differ on NOOP and VRFY, and one unavailable. */
    static List<MatrixColumn> matrixColumns() {
        return List.of(
                MatrixColumn.of("postfix-dovecot", "postfix 3.7.11-0+deb12u1, dovecot-pop3d 1:2.3.19.1+dfsg1-2.1+deb12u1", run("postfix-dovecot", Outcome.PASS, Outcome.WARN)),
                MatrixColumn.of("exim", "exim4 4.96-15+deb12u7", run("exim", Outcome.FAIL, Outcome.PASS)),
                MatrixColumn.unavailable("opensmtpd", "", "start failed: port 2525 <busy> & refused"));
    }

    static MatrixModel matrix() {
        return MatrixModel.build("Conformance matrix <test>", GENERATED, matrixColumns());
    }

    static RequestStats stats(long count, long ko, double p50, double p95, double p99) {
        return new RequestStats(count, count - ko, ko, p50 / 2, p50, (p50 + p95) / 2, p95, p99, p99 * 1.5, p50 * 1.1, "");
    }

    /** A 100-second run: its stage counts are requests per second times 100. */
    static RunRecord record(String target, double latencyFactor, double cpuAverage, double cpuPeak, Ledger ledger) {
        Map<String, RequestStats> requests = new LinkedHashMap<>();
        requests.put("smtp connect", stats(1000, 0, 2 * latencyFactor, 5 * latencyFactor, 9 * latencyFactor));
        requests.put("smtp MAIL FROM", stats(1000, 3, 1 * latencyFactor, 3 * latencyFactor, 6 * latencyFactor));
        requests.put("smtp DATA <end-of-data>", stats(997, 0, 8 * latencyFactor, 20 * latencyFactor, 40 * latencyFactor));
        requests.put("pop3 RETR", stats(500, 0, 3 * latencyFactor, 7 * latencyFactor, 12 * latencyFactor));
        requests.put(RunRecord.DELIVERY_LATENCY, stats(990, 0, 150 * latencyFactor, 600 * latencyFactor, 900 * latencyFactor));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("users", "20");
        parameters.put("duration", "100");
        return new RunRecord(RunRecord.FORMAT_VERSION, "MailDay", target, "mailday-" + target, "2025-01-02T03:00:00Z",
                "2025-01-02T03:01:40Z", parameters, new RunRecord.Injector(1, 1, "injector-1", 8, cpuAverage, cpuPeak, 0.5),
                requests, Map.of("4xx", 3L), ledger, List.<MessageTrace>of(), Map.of("SMTP RCPT: 4xx 451 4.3.0 try again later", 3L), null, null, null, null);
    }

    static Ledger cleanLedger() {
        return new Ledger(1000, 997, 3, 997, 997, 0, 0, 0);
    }

    static Ledger lossyLedger() {
        return new Ledger(1000, 997, 3, 990, 988, 2, 1, 7);
    }

    static List<LoadColumn> loadColumns() {
        return List.of(
                LoadColumn.of("postfix-dovecot", "postfix 3.7.11", record("postfix-dovecot", 1.0, 0.30, 0.55, cleanLedger())),
                LoadColumn.of("exim", "exim4 4.96", record("exim", 2.5, 0.80, 0.97, lossyLedger())),
                LoadColumn.unavailable("opensmtpd", "", "server did not start"));
    }

    static LoadComparisonModel load() {
        return LoadComparisonModel.build("Load comparison", GENERATED, loadColumns());
    }
}
