package io.mailharness.conformance.proof;

import io.mailharness.conformance.run.CheckSelection;
import io.mailharness.faultserver.ChaosFaults;
import io.mailharness.faultserver.Fault;
import io.mailharness.faultserver.FaultCatalogue;
import io.mailharness.result.CheckResult;
import io.mailharness.result.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The blast radius of every fault: the whole suite runs once per fault of the fault server's catalogue (in-process
 * servers, several at once) and each check's verdict is compared with the baseline's. Only the checks the fault
 * targets (its rows in {@link ProofTable} and {@link #ALSO_BREAKS}) may change; a check that changes for another
 * check's fault, or for a fault that touches none of its rules, fails for the wrong reason. A check the fault keeps
 * from reaching its rule (a broken greeting, login or delivery: the steps other rows judge) ends SKIP "blocked", and a
 * check whose extension the fault stops offering SKIPs: both are allowed. A normal build runs {@link #SLICE}; the full
 * matrix runs with {@code -Dmailharness.blastRadius=full} (named faults with {@code -Dmailharness.blastRadius=A,B})
 * and writes {@code target/blast-radius.txt}, with each fault's seconds.
 */
@Tag("blast-radius")
class BlastRadiusTest {
    /** Faults the normal build runs: one per kind of hook (reply, command, DATA framing, relay, store, POP3 session). */
    static final List<String> SLICE = List.of(
            "SMTP_NOOP_NOT_250",
            "SMTP_LF_DOT_LF_ENDS_DATA_REFUSES_PIPELINING",
            "SMTP_RELAY_LOOK_ALIKES_BECOME_END_OF_DATA",
            "STORE_ADDS_CRLF_AT_END",
            "POP3_RSET_TWO_RESPONSES",
            "POP3_UIDL_DUPLICATED");

    /**
     * Faults of the catalogue the matrix does not run, each with its reason: the hostile servers of {@link ChaosFaults}
     * attack the load client (it must stay within bounded memory and time), they are not rules the suite's rows judge;
     * run through the suite they only stall each check at its first EHLO, DATA or RETR until a read timeout.
     */
    static final Map<String, String> NOT_IN_THE_MATRIX = chaos(
            "a hostile server for the load client's robustness tests (ChaosFaults), not an RFC rule a check judges");

    /**
     * Checks a fault breaks beyond the rows that name it, each with the reason: the fault damages what the check
     * itself compares (the stored or retrieved message against the sent one), so its rule is broken too.
     */
    static final List<AlsoBreaks> ALSO_BREAKS = List.of(
            new AlsoBreaks("STORE_ALTER_BODY_BYTE", "a changed body octet is a changed body for every row that compares one",
                    "E2E-8BIT", "E2E-STUFF", "POP-RETR-STUFF", "SMTP-8BIT-USE", "SMTP-BDAT-OK", "SMTP-DATA-DOTSTUFF",
                    "SMTP-DATA-LONGLINE", "SMTP-DATA-MINSIZES", "SMTP-TLS-NOFALSEPOS"),
            new AlsoBreaks("STORE_TRUNCATE_MESSAGE", "a message cut short is a changed message for every row that compares one",
                    "E2E-8BIT", "E2E-LOAD-MODEL", "E2E-ROUNDTRIP", "E2E-STUFF", "SMTP-DATA-LONGLINE", "SMTP-DATA-MINSIZES"),
            new AlsoBreaks("STORE_CUTS_AT_DOT_LINE", "the rows that send dot lines find their body cut there",
                    "E2E-STUFF", "POP-RETR-STUFF", "SMTP-DATA-DOTSTUFF"),
            new AlsoBreaks("SMTP_NO_DOT_UNSTUFFING", "the rows that send dot lines find the stuffing dots stored",
                    "E2E-LOAD-MODEL", "POP-RETR-STUFF", "SMTP-DATA-MINSIZES"),
            new AlsoBreaks("POP3_RETR_NOT_BYTE_STUFFED", "RETR loses the dot lines of every message the rows retrieve and measure",
                    "E2E-LOAD-MODEL", "E2E-SIZE", "POP-RETR-BARELF", "POP-RETR-SIZE", "SMTP-BDAT-OK", "SMTP-DATA-DOTSTUFF",
                    "SMTP-DATA-MINSIZES"),
            new AlsoBreaks("POP3_RETR_BARE_LF", "RETR changes every line end: of the messages the load model and the round trip"
                    + " compare, of the octets LIST counted, of the CRLF before '.'",
                    "E2E-LOAD-MODEL", "E2E-ROUNDTRIP", "POP-RETR-SIZE", "POP-RETR-NOFINALCRLF"),
            new AlsoBreaks("STORE_STRIPS_EIGHTH_BIT", "the 8-bit body SMTP-8BIT-USE sends comes back changed", "SMTP-8BIT-USE"),
            new AlsoBreaks("STORE_REWRITES_TO_HEADER", "the load model compares whole messages", "E2E-LOAD-MODEL"),
            new AlsoBreaks("STORE_ADD_STATUS_FIELDS", "fields added after the trace fields change the whole message both compare",
                    "E2E-ROUNDTRIP", "E2E-LOAD-MODEL"),
            new AlsoBreaks("STORE_REWRITE_FROM", "a rewritten From: changes the whole message both compare", "E2E-ROUNDTRIP", "E2E-LOAD-MODEL"),
            new AlsoBreaks("STORE_APPEND_BLANK_LINE", "an appended line is octets after the body (as STORE_ADDS_CRLF_AT_END)",
                    "E2E-ROUNDTRIP", "E2E-LOAD-MODEL", "SMTP-DATA-NOEXTRA"),
            new AlsoBreaks("SMTP_DATA_WITHOUT_RCPT_354", "these rows see a transaction reset or refused through DATA's 503 (RFC 5321 §3.3)",
                    "SMTP-BDAT-SEQ", "SMTP-EHLO-RESET", "SMTP-PIPE-REJALL", "SMTP-RSET"),
            new AlsoBreaks("SMTP_DATA_ACCEPTS_NO_RECIPIENTS", "DATA with no accepted recipient is SMTP-SEQ-DATA-NORCPT's rule too",
                    "SMTP-SEQ-DATA-NORCPT"),
            new AlsoBreaks("SMTP_BODY_8BITMIME_REFUSED", "E2E-8BIT sends its octets with BODY=8BITMIME", "E2E-8BIT"),
            new AlsoBreaks("SMTP_END_OF_DATA_TWO_REPLIES", "nothing after the end-of-data reply is these rows' rule too",
                    "SMTP-SIZE-LIE", "E2E-LOAD-MODEL"),
            new AlsoBreaks("SMTP_EHLO_CONTINUATION_CODE_MISMATCH", "SMTP-EHLO-OK judges each EHLO line '250[- ]keyword'", "SMTP-EHLO-OK"),
            new AlsoBreaks("SMTP_EHLO_NAME_MUST_MATCH", "these rows send EHLO with names a server must not refuse",
                    "SMTP-EHLO-OK", "SMTP-ADDR-LEN"),
            new AlsoBreaks("SMTP_REPLY_BARE_CR", "a bare CR inside the status code's text breaks its '2.s.d ' form", "SMTP-ESC"),
            new AlsoBreaks("SMTP_RSET_KEEPS_TRANSACTION", "RSET between BDAT chunks is an RSET too: the transaction it keeps refuses the next MAIL",
                    "SMTP-BDAT-RSET"),
            new AlsoBreaks("SMTP_QUIT_NOT_221", "this row sees the session end through QUIT's 221 (as SMTP-SEQ-ABORT)", "SMTP-INV-CLOSE"),
            new AlsoBreaks("SMTP_QUIT_NOT_CLOSING", "this row sees the session end through the close after 221", "SMTP-SEQ-ABORT"),
            new AlsoBreaks("SMTP_HELP_500", "HELP, listed by EHLO, refused: a listed command that does not work", "SMTP-EHLO-CAPS"),
            new AlsoBreaks("SMTP_VRFY_502", "VRFY, listed by EHLO, refused: a listed command that does not work", "SMTP-EHLO-CAPS"),
            new AlsoBreaks("SMTP_NOOP_BEFORE_EHLO_503", "NOOP gets 250 in every state is SMTP-NOOP's rule", "SMTP-NOOP"),
            new AlsoBreaks("SMTP_RSET_BEFORE_EHLO_503", "RSET before EHLO is one of the commands that row sends", "SMTP-SEQ-NONMAIL-NOHELO"),
            new AlsoBreaks("SMTP_UNKNOWN_COMMAND_250", "the 8-bit command that row sends is an unknown command", "SMTP-CMD-8BIT"),
            new AlsoBreaks("SMTP_LONG_LINE_ANSWERED_AT_ONCE", "the long lines SMTP-DATA-MINSIZES sends are refused mid-data", "SMTP-DATA-MINSIZES"),
            new AlsoBreaks("SMTP_NO_RETURN_PATH", "a null reverse-path is seen in the Return-Path field (as STORE_NULL_REVERSE_PATH_WITHOUT_RETURN_PATH)",
                    "SMTP-ADDR-NULLRP"),
            new AlsoBreaks("STORE_LISTS_ALL_RECIPIENTS", "a field stored above Return-Path moves the trace fields off the top", "SMTP-DATA-TRACE"),
            new AlsoBreaks("SMTP_BARE_CR_ENDS_LINES_IN_DATA", "the server ends DATA at these look-alikes too",
                    "SMTP-SMUG-BDAT", "SMTP-SMUG-CRLFLF", "SMTP-SMUG-LFCRLF", "SMTP-SMUG-LFLF"),
            new AlsoBreaks("SMTP_BARE_LF_ENDS_DATA", "the bare line ends these rows send are stored raw",
                    "SMTP-BARECR-BODY", "SMTP-BARELF-BODY", "SMTP-SMUG-CR", "SMTP-SMUG-CRCRLF"),
            new AlsoBreaks("SMTP_BARE_LINE_ENDS_STORED_RAW", "the bare line ends these rows send are stored raw (as for the other smuggling rows)",
                    "SMTP-SMUG-BDAT", "SMTP-SMUG-CRCRLF"),
            new AlsoBreaks("POP3_APOP_WRONG_DIGEST_OK", "APOP answered +OK after login too", "POP-STATE-AUTHCMD"),
            new AlsoBreaks("POP3_NOOP_STATUS_OVER_512", "NOOP answered +OK before login too", "POP-STATE-TXCMD"),
            new AlsoBreaks("POP3_NOOP_TWO_RESPONSES", "NOOP answered +OK before login; four pipelined commands get five responses",
                    "POP-STATE-TXCMD", "POP-PIPELINING"),
            new AlsoBreaks("POP3_STAT_LIVE_MAILDROP", "STAT counts the message DELE marked", "POP-DELE-HIDE"),
            new AlsoBreaks("POP3_STAT_NO_SIZE", "POP-USERPASS reads STAT '+OK n m' after logging in (as for POP3_STAT_DOUBLE_SPACE)",
                    "POP-USERPASS"),
            new AlsoBreaks("POP3_TOP_IGNORES_COUNT", "TOP with a negative line count is accepted", "POP-ARGS"),
            new AlsoBreaks("POP3_UNKNOWN_LOWERCASE_ERR", "an unknown command must get '-ERR', upper case", "POP-UNKNOWN"),
            new AlsoBreaks("POP3_WRONG_PASSWORD_ACCEPTED", "'PASS <password> extra' is a wrong password, accepted", "POP-PASS-SPACE"),
            new AlsoBreaks("POP3_GREETING_LOWERCASE_OK", "the greeting is a status line: '+OK' upper case", "POP-INV-STATUS"),
            new AlsoBreaks("POP3_QUIT_SKIPS_UPDATE", "deletions that take effect through UPDATE are one of the load model's rules",
                    "E2E-LOAD-MODEL"));

    /** Checks {@code fault} breaks besides its proof rows' own, and why. */
    record AlsoBreaks(String fault, String why, String... checks) {}

    /** "full": every fault of the catalogue but those not in the matrix; fault names, comma-separated: those; unset: the slice. */
    private static final String CHOSEN = System.getProperty("mailharness.blastRadius", "").strip();
    private static final boolean FULL = "full".equals(CHOSEN);
    /**
     * Suite runs at once: they wait on sockets and delivery far more than they compute (a run uses about a third of
     * one core), so a 2-core machine takes several. The store faults start first: a message that
     * never shows up makes each delivering check wait out its delivery wait, so they run longest.
     */
    private static final int PARALLELISM = Integer.getInteger("mailharness.blastRadius.parallelism", FULL ? 6 : 2);
    private static final Map<String, String> REPORT = new ConcurrentHashMap<>();
    private static final Map<String, String> SECONDS = new ConcurrentHashMap<>();
    private static long started;

    private static ExecutorService pool;
    private static Map<String, CheckResult> baseline;

    @BeforeAll
    static void runTheBaseline() {
        started = System.nanoTime();
        pool = Executors.newFixedThreadPool(PARALLELISM);
        baseline = results(ServerFault.BASELINE);
    }

    @AfterAll
    static void writeTheMatrix() throws IOException {
        pool.shutdownNow();
        if (CHOSEN.isEmpty()) return;
        StringBuilder out = new StringBuilder("fault\tseconds\tchanged checks (check: baseline -> with the fault); * = not a target of the fault,"
                + " ~ = skipped (blocked before its rule by a step another row judges, or what it needs is not offered)\n");
        new TreeMap<>(REPORT).forEach((fault, line) -> out.append(fault).append('\t').append(line).append('\n'));
        if (FULL) NOT_IN_THE_MATRIX.forEach((fault, why) -> out.append(fault).append("\t-\tnot run: ").append(why).append('\n'));
        out.append(String.format(java.util.Locale.ROOT, "%d faults, %d at once, %.0f s in all%n", REPORT.size(), PARALLELISM,
                (System.nanoTime() - started) / 1e9));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "blast-radius.txt"), out);
    }

    @Test
    void declarationsNameRealFaultsAndChecks() {
        Set<String> checks = ConformanceProofTest.allChecks().stream().map(c -> c.id()).collect(Collectors.toSet());
        for (AlsoBreaks also : ALSO_BREAKS) {
            FaultCatalogue.byName(also.fault());
            for (String check : also.checks()) assertTrue(checks.contains(check), also.fault() + " names no check " + check);
        }
        NOT_IN_THE_MATRIX.keySet().forEach(FaultCatalogue::byName);
    }

    @TestFactory
    Stream<DynamicTest> onlyTheTargetedChecksChange() {
        List<String> faults = FULL ? FaultCatalogue.all().keySet().stream().filter(f -> !NOT_IN_THE_MATRIX.containsKey(f))
                .sorted(java.util.Comparator.comparing(f -> !f.startsWith("STORE_"))).toList() // store faults first: see PARALLELISM
                : CHOSEN.isEmpty() ? SLICE : List.of(CHOSEN.split("\\s*,\\s*"));
        Map<String, Set<String>> targets = targets();
        Map<String, Future<Map<String, CheckResult>>> runs = new LinkedHashMap<>();
        for (String fault : faults) runs.put(fault, pool.submit(() -> timed(fault)));
        return faults.stream().map(fault -> DynamicTest.dynamicTest(fault, () -> {
            Map<String, CheckResult> with = runs.get(fault).get();
            Set<String> allowed = targets.getOrDefault(fault, Set.of());
            Set<String> changed = new TreeSet<>();
            Set<String> stray = new TreeSet<>();
            for (Map.Entry<String, CheckResult> entry : baseline.entrySet()) {
                Outcome before = entry.getValue().outcome();
                CheckResult now = with.get(entry.getKey());
                if (now == null || now.outcome() == before) continue;
                boolean targeted = allowed.contains(entry.getKey());
                // a SKIP blames nothing: blocked before its rule, or what it needs is not offered (the fault took it away)
                boolean blocked = now.outcome() == Outcome.SKIP;
                changed.add(entry.getKey() + ": " + before + " -> " + now.outcome() + (targeted ? "" : blocked ? " ~" : " *"));
                if (!targeted && !blocked) {
                    stray.add(entry.getKey() + " (" + before + " -> " + now.outcome() + " at " + now.expected() + ": " + now.actual() + ")");
                }
            }
            REPORT.put(fault, SECONDS.get(fault) + "\t" + String.join("; ", changed)
                    + stray.stream().map(s -> "\n\t\t* " + s.replace('\n', ' ')).collect(Collectors.joining()));
            if (!stray.isEmpty()) {
                fail(fault + " changes checks it does not target " + stray + "; its targets: " + allowed);
            }
        }));
    }

    private static Map<String, String> chaos(String why) {
        Map<String, String> faults = new TreeMap<>();
        for (java.lang.reflect.Field field : ChaosFaults.class.getFields()) {
            if (Fault.class.isAssignableFrom(field.getType())) faults.put(field.getName(), why);
        }
        return faults;
    }

    /**
     * Each fault's targets: the checks whose proof rows name it (alone or with other faults), an allowed variant's
     * rows included (one that leaves a rule untestable turns its check into a SKIP with the reason), and
     * {@link #ALSO_BREAKS}.
     */
    static Map<String, Set<String>> targets() {
        Map<String, Set<String>> targets = new TreeMap<>();
        for (Proof proof : java.util.stream.Stream.concat(ProofTable.ROWS.stream(), ProofTable.KEEPS_THE_RULE.stream()).toList()) {
            for (String fault : proof.fault().faults().names()) {
                targets.computeIfAbsent(fault, f -> new TreeSet<>()).add(proof.checkId());
            }
        }
        for (AlsoBreaks also : ALSO_BREAKS) targets.computeIfAbsent(also.fault(), f -> new TreeSet<>()).addAll(List.of(also.checks()));
        return targets;
    }

    /** One suite run with the fault, its wall time noted for the report. */
    private static Map<String, CheckResult> timed(String fault) {
        long start = System.nanoTime();
        Map<String, CheckResult> results = results(ServerFault.catalogue(fault));
        SECONDS.put(fault, String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        return results;
    }

    private static Map<String, CheckResult> results(ServerFault fault) {
        try (FaultyTarget target = FaultyTarget.start(fault)) {
            return target.run(CheckSelection.all()).stream()
                    .collect(Collectors.toMap(CheckResult::id, r -> r, (a, b) -> a, TreeMap::new));
        }
    }
}
