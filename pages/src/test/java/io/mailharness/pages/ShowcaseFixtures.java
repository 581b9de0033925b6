package io.mailharness.pages;

import io.mailharness.record.Ledger;
import io.mailharness.record.MessageTrace;
import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;
import io.mailharness.result.CheckResult;
import io.mailharness.result.ConformanceRun;
import io.mailharness.result.Level;
import io.mailharness.result.Outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A realistic-sized synthetic comparison (30 checks, four servers, one of them unavailable; a dozen load
 * stages) for the browser test and its screenshots. Deterministic: the same pages every run.
 */
final class ShowcaseFixtures {
    private record Spec(String id, String rfc, String section, String title, Level level, String tags, String requirement) {}

    private static final List<Spec> SPECS = List.of(
            new Spec("SMTP-GREETING-220", "5321", "4.2", "SMTP Replies", Level.MUST, "read-only", "The greeting is a 220 reply"),
            new Spec("SMTP-REPLY-CODE-FORMAT", "5321", "4.2", "SMTP Replies", Level.MUST, "read-only", "Every reply starts with a three-digit code"),
            new Spec("SMTP-MULTILINE-HYPHEN", "5321", "4.2.1", "Reply Code Severities", Level.MUST, "read-only", "Multiline replies use code-hyphen on all but the last line"),
            new Spec("SMTP-EHLO-250", "5321", "4.1.1.1", "EHLO", Level.MUST, "read-only", "EHLO is answered 250 with the extensions"),
            new Spec("SMTP-HELO-FALLBACK", "5321", "4.1.1.1", "EHLO", Level.MUST, "read-only", "HELO is still accepted"),
            new Spec("SMTP-MAIL-NULL-PATH", "5321", "4.1.1.2", "MAIL", Level.MUST, "mutates-mailbox", "MAIL FROM:<> (null reverse-path) is accepted"),
            new Spec("SMTP-MAIL-SYNTAX-501", "5321", "4.1.1.2", "MAIL", Level.SHOULD, "read-only", "A malformed reverse-path is answered 501"),
            new Spec("SMTP-RCPT-POSTMASTER", "5321", "4.5.1", "Minimum Implementation", Level.MUST, "mutates-mailbox", "RCPT TO:<postmaster> is accepted without domain"),
            new Spec("SMTP-RCPT-BEFORE-MAIL-503", "5321", "4.1.4", "Order of Commands", Level.MUST, "read-only", "RCPT before MAIL is answered 503"),
            new Spec("SMTP-DATA-BEFORE-RCPT-503", "5321", "4.1.4", "Order of Commands", Level.MUST, "read-only", "DATA before RCPT is answered 503 or 554"),
            new Spec("SMTP-DOT-STUFFING", "5321", "4.5.2", "Transparency", Level.MUST, "mutates-mailbox", "A leading dot is removed from a dot-stuffed line"),
            new Spec("SMTP-BARE-LF-IN-DATA", "5321", "4.1.1.4", "DATA", Level.SHOULD, "mutates-mailbox anti-abuse", "A bare LF in DATA is rejected or normalised, never smuggled"),
            new Spec("SMTP-LINE-LENGTH-1000", "5321", "4.5.3.1.6", "Text Line", Level.MAY, "mutates-mailbox", "A line over 1000 octets is refused or wrapped"),
            new Spec("SMTP-NOOP-250", "5321", "4.1.1.9", "NOOP", Level.MUST, "read-only", "NOOP is answered 250"),
            new Spec("SMTP-RSET-250", "5321", "4.1.1.5", "RSET", Level.MUST, "read-only", "RSET is answered 250 and clears the transaction"),
            new Spec("SMTP-VRFY-252", "5321", "3.5.3", "VRFY", Level.SHOULD, "read-only anti-abuse", "VRFY is answered 250/252 or 502, never a mailbox list"),
            new Spec("SMTP-QUIT-221", "5321", "4.1.1.10", "QUIT", Level.MUST, "read-only", "QUIT is answered 221 and the connection closed"),
            new Spec("SMTP-STARTTLS-220", "3207", "4", "STARTTLS", Level.MUST, "needs-tls", "STARTTLS is answered 220 when advertised"),
            new Spec("SMTP-ENHANCED-CODES", "2034", "3", "Enhanced Status Codes", Level.SHOULD, "read-only", "Replies carry enhanced status codes when advertised"),
            new Spec("SMTP-BANNER-SOFTWARE", "5321", "4.2", "SMTP Replies", Level.INFO, "read-only", "The greeting names the software (recorded)"),
            new Spec("POP3-GREETING-OK", "1939", "4", "The AUTHORIZATION State", Level.MUST, "read-only", "The greeting is +OK"),
            new Spec("POP3-USER-PASS", "1939", "7", "USER and PASS", Level.MUST, "read-only", "USER then PASS opens the maildrop"),
            new Spec("POP3-STAT-FORMAT", "1939", "5", "STAT", Level.MUST, "read-only", "STAT answers +OK count size"),
            new Spec("POP3-LIST-SCAN", "1939", "5", "LIST", Level.MUST, "read-only", "LIST gives one scan listing per message"),
            new Spec("POP3-RETR-BYTE-STUFFING", "1939", "3", "Basic Operation", Level.MUST, "read-only", "RETR byte-stuffs lines that start with a dot"),
            new Spec("POP3-DELE-UPDATE", "1939", "6", "The UPDATE State", Level.MUST, "mutates-mailbox", "DELE takes effect only in the UPDATE state"),
            new Spec("POP3-RSET-UNMARK", "1939", "5", "RSET", Level.MUST, "mutates-mailbox", "RSET unmarks deleted messages"),
            new Spec("POP3-UIDL-UNIQUE", "1939", "7", "UIDL", Level.SHOULD, "read-only", "UIDL ids are unique and stable"),
            new Spec("POP3-CAPA", "2449", "5", "CAPA", Level.MAY, "read-only", "CAPA lists the capabilities"),
            new Spec("POP3-TOP-LINES", "1939", "7", "TOP", Level.INFO, "read-only", "TOP returns headers and n lines (recorded)"));

    private ShowcaseFixtures() {}

    /** The outcome server {@code s} gets on check {@code c}: mostly PASS, a few deterministic differences. */
    private static Outcome outcome(int s, int c, Level level) {
        if (level == Level.INFO) return Outcome.INFO;
        if (SPECS.get(c).tags().contains("needs-tls") && s == 2) return Outcome.SKIP;
        int h = (s * 31 + c * 17) % 23;
        if (h == 3) return level == Level.MUST ? Outcome.FAIL : Outcome.WARN;
        if (h == 7) return Outcome.WARN;
        if (h == 11 && level != Level.MUST) return Outcome.SKIP;
        return Outcome.PASS;
    }

    private static ConformanceRun run(String target, int s) {
        List<CheckResult> checks = new ArrayList<>();
        for (int c = 0; c < SPECS.size(); c++) {
            Spec spec = SPECS.get(c);
            Outcome o = outcome(s, c, spec.level());
            boolean pass = o == Outcome.PASS;
            String transcript = pass ? "" : "S: 220 mx." + target + ".test ESMTP\\r\\n\nC: EHLO harness.test\\r\\n\nS: 250-mx Hello <harness.test> & welcome\\r\\n\n"
                    + "S: 250 PIPELINING\\r\\n\nC: " + spec.id().toLowerCase().replace('-', ' ') + "\\r\\n\nS: 5" + (c % 10) + "0 <unexpected> reply\\r\\n\n-- closed by client\n";
            checks.add(new CheckResult(spec.id(), List.of(spec.rfc()), spec.section(), spec.title(), spec.level(), spec.requirement(),
                    List.of(spec.tags().split(" ")), o, pass ? "" : "a 2xx reply (" + spec.requirement() + ")",
                    pass ? "" : "5" + (c % 10) + "0 <unexpected> reply", transcript, 3 + c));
        }
        return new ConformanceRun(target, target, "220 mx." + target + ".test ESMTP", "+OK " + target + " ready", "2025-01-02T03:00:00Z", false, checks);
    }

    static MatrixModel matrix() {
        return MatrixModel.build("Conformance matrix — 4 servers", ComparisonFixtures.GENERATED, List.of(
                MatrixColumn.of("postfix-dovecot", "postfix 3.7.11-0+deb12u1, dovecot-pop3d 1:2.3.19.1+dfsg1-2.1+deb12u1", run("postfix-dovecot", 0)),
                MatrixColumn.of("exim-mailutils", "exim4 4.96-15+deb12u7, mailutils-pop3d 1:3.15-4", run("exim-mailutils", 1)),
                MatrixColumn.of("opensmtpd-popa3d", "opensmtpd 6.8.0p2-4, popa3d 1.0.3-1", run("opensmtpd-popa3d", 2)),
                MatrixColumn.unavailable("courier", "courier-mta 1.0.16-3.1", "start failed: authdaemond did not come up (log: /var/lib/mailharness/courier.log)")));
    }

    private static final String[] STAGES = {"smtp connect", "smtp EHLO", "smtp MAIL FROM", "smtp RCPT TO", "smtp DATA", "smtp end-of-data",
            "smtp QUIT", "pop3 connect", "pop3 USER/PASS", "pop3 STAT", "pop3 RETR", "pop3 DELE"};

    private static RunRecord record(String target, double factor, double cpuAverage, double cpuPeak, Ledger ledger) {
        Map<String, RequestStats> requests = new LinkedHashMap<>();
        for (int i = 0; i < STAGES.length; i++) {
            double base = (1 + i % 5) * factor;
            long count = STAGES[i].startsWith("pop3") ? 2400 : 3000;
            requests.put(STAGES[i], ComparisonFixtures.stats(count, i == 3 ? (long) (factor * 4) : 0, base, base * 3.2, base * 6.1));
        }
        requests.put(RunRecord.DELIVERY_LATENCY, ComparisonFixtures.stats(2990, 0, 180 * factor, 640 * factor, 1100 * factor));
        return new RunRecord(RunRecord.FORMAT_VERSION, "MailDay", target, "mailday-20250102030000-" + target, "2025-01-02T03:00:00Z",
                "2025-01-02T03:05:00Z", Map.of("users", "40", "duration", "300", "messageMix", "small=70,medium=25,large=5"),
                new RunRecord.Injector(1, 1, "ci-runner", 8, cpuAverage, cpuPeak, cpuAverage + 0.15), requests,
                Map.of("4xx", (long) (factor * 4), "timeout", factor > 2 ? 9L : 0L), ledger, List.<MessageTrace>of(), Map.of(), null, null, null, null);
    }

    static LoadComparisonModel load() {
        return LoadComparisonModel.build("Load comparison — MailDay", ComparisonFixtures.GENERATED, List.of(
                LoadColumn.of("postfix-dovecot", "postfix 3.7.11-0+deb12u1", record("postfix-dovecot", 1.0, 0.31, 0.52, new Ledger(3000, 3000, 0, 3000, 3000, 0, 0, 0))),
                LoadColumn.of("exim-mailutils", "exim4 4.96-15+deb12u7", record("exim-mailutils", 1.7, 0.44, 0.71, new Ledger(3000, 2993, 7, 2993, 2993, 0, 0, 0))),
                LoadColumn.of("opensmtpd-popa3d", "opensmtpd 6.8.0p2-4", record("opensmtpd-popa3d", 2.6, 0.81, 0.98, new Ledger(3000, 2988, 12, 2979, 2977, 2, 0, 9))),
                LoadColumn.unavailable("courier", "courier-mta 1.0.16-3.1", "start failed: authdaemond did not come up")));
    }
}
