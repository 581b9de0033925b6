package io.mailharness.conformance.proof;

import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.run.CheckSelection;
import io.mailharness.faultserver.FaultCatalogue;
import io.mailharness.result.CheckResult;
import io.mailharness.result.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
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

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The blast radius of every fault: the whole suite runs once per fault of the fault server's catalogue (in-process
 * servers, several at once) and each check's verdict is compared with the baseline's. Only the checks the fault
 * targets (its rows in {@link ProofTable}) may change; a check that changes for another check's fault, or for a
 * fault that touches none of its rules, fails for the wrong reason. A check the fault keeps from reaching its rule
 * (a broken greeting, login or delivery: the steps other rows judge) ends SKIP "blocked", which is allowed. A normal build runs {@link #SLICE}; the full
 * matrix runs with {@code -Dmailharness.blastRadius=full} and writes {@code target/blast-radius.txt}.
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

    private static final boolean FULL = "full".equals(System.getProperty("mailharness.blastRadius"));
    private static final int PARALLELISM = Integer.getInteger("mailharness.blastRadius.parallelism", 2);
    private static final Map<String, String> REPORT = new ConcurrentHashMap<>();

    private static ExecutorService pool;
    private static Map<String, CheckResult> baseline;

    @BeforeAll
    static void runTheBaseline() {
        pool = Executors.newFixedThreadPool(PARALLELISM);
        baseline = results(ServerFault.BASELINE);
    }

    @AfterAll
    static void writeTheMatrix() throws IOException {
        pool.shutdownNow();
        if (!FULL) return;
        StringBuilder out = new StringBuilder("fault\tchanged checks (check: baseline -> with the fault); * = not a target of the fault,"
                + " ~ = blocked before its rule by a step another row judges\n");
        new TreeMap<>(REPORT).forEach((fault, line) -> out.append(fault).append('\t').append(line).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "blast-radius.txt"), out);
    }

    @TestFactory
    Stream<DynamicTest> onlyTheTargetedChecksChange() {
        List<String> faults = FULL ? new ArrayList<>(FaultCatalogue.all().keySet()) : SLICE;
        Map<String, Set<String>> targets = targets();
        Map<String, Future<Map<String, CheckResult>>> runs = new LinkedHashMap<>();
        for (String fault : faults) runs.put(fault, pool.submit(() -> results(ServerFault.catalogue(fault))));
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
                boolean blocked = now.outcome() == Outcome.SKIP && now.actual().contains(CheckContext.BLOCKED);
                changed.add(entry.getKey() + ": " + before + " -> " + now.outcome() + (targeted ? "" : blocked ? " ~" : " *"));
                if (!targeted && !blocked) stray.add(entry.getKey() + " (" + before + " -> " + now.outcome() + ": " + now.actual() + ")");
            }
            REPORT.put(fault, String.join("; ", changed));
            if (!stray.isEmpty()) {
                fail(fault + " changes checks it does not target " + stray + "; its targets: " + allowed);
            }
        }));
    }

    /** Each fault's targets: the checks whose proof rows name it (alone or with other faults). */
    static Map<String, Set<String>> targets() {
        Map<String, Set<String>> targets = new TreeMap<>();
        for (Proof proof : ProofTable.ROWS) {
            for (String fault : proof.fault().faults().names()) {
                targets.computeIfAbsent(fault, f -> new TreeSet<>()).add(proof.checkId());
            }
        }
        return targets;
    }

    private static Map<String, CheckResult> results(ServerFault fault) {
        try (FaultyTarget target = FaultyTarget.start(fault)) {
            return target.run(CheckSelection.all()).stream()
                    .collect(Collectors.toMap(CheckResult::id, r -> r, (a, b) -> a, TreeMap::new));
        }
    }
}
