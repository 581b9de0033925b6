package io.mailharness.conformance.proof;

import io.mailharness.conformance.ConformanceSuite;
import io.mailharness.conformance.check.CheckMetadata;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.run.CheckSelection;
import io.mailharness.result.CheckResult;
import io.mailharness.result.Level;
import io.mailharness.result.Outcome;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Proves every check of the suite: it passes against the conforming fault server, and it fails (or warns,
 * for a SHOULD) against a server that breaks exactly its rule, as {@link ProofTable} declares. A check with
 * no row in the table fails {@link #everyCheckHasABreakingFault()}.
 */
class ConformanceProofTest {

    static List<CheckMetadata> allChecks() {
        List<CheckMetadata> checks = new ArrayList<>();
        for (Class<?> section : ConformanceSuite.sections()) {
            for (Method method : section.getDeclaredMethods()) {
                CheckMetadata.of(method).ifPresent(checks::add);
            }
        }
        return checks;
    }

    @Test
    void checkIdsAreUnique() {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = allChecks().stream().map(CheckMetadata::id).filter(id -> !seen.add(id)).toList();
        assertTrue(duplicates.isEmpty(), "check IDs used twice: " + duplicates);
    }

    @Test
    void everySectionClassIsInTheSuite() {
        List<Class<?>> annotated = ReflectionSupport.findAllClassesInPackage("io.mailharness.conformance",
                c -> c.isAnnotationPresent(Section.class), name -> true);
        Set<String> missing = annotated.stream().filter(c -> !ConformanceSuite.sections().contains(c))
                .map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(missing.isEmpty(), "section classes not listed in ConformanceSuite: " + missing);
    }

    @Test
    void everyCheckHasABreakingFault() {
        Set<String> proven = ProofTable.ROWS.stream().map(Proof::checkId).collect(Collectors.toSet());
        Set<String> failing = ProofTable.ROWS.stream().filter(p -> p.expected() == Outcome.FAIL).map(Proof::checkId).collect(Collectors.toSet());
        Set<String> unproven = allChecks().stream()
                .filter(c -> c.level() != Level.INFO)
                .filter(c -> !proven.contains(c.id()) || (c.level() == Level.MUST && !failing.contains(c.id())))
                .map(CheckMetadata::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(unproven.isEmpty(), "checks without a keep-the-rule / break-the-rule pair in ProofTable (a MUST needs a FAIL row): " + unproven);
        Set<String> known = allChecks().stream().map(CheckMetadata::id).collect(Collectors.toSet());
        Set<String> stale = proven.stream().filter(id -> !known.contains(id)).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(stale.isEmpty(), "ProofTable rows for checks that do not exist: " + stale);
    }

    @Test
    void everyRowNamesTheReasonOfItsFailure() {
        List<String> vague = ProofTable.ROWS.stream().filter(p -> !p.namesItsReason()).map(Proof::toString).toList();
        assertTrue(vague.isEmpty(), "rows without the step and the actual fragment they fail at (.at(step, fragment)): " + vague);
    }

    @Test
    void breakingOutcomesMatchTheLevel() {
        Map<String, Level> levels = allChecks().stream().collect(Collectors.toMap(CheckMetadata::id, CheckMetadata::level));
        for (Proof proof : ProofTable.ROWS) {
            Level level = levels.get(proof.checkId());
            if (level == Level.SHOULD || level == Level.MAY) {
                assertEquals(Outcome.WARN, proof.expected(), proof + ": a broken " + level + " warns");
            }
            assertTrue(proof.expected() == Outcome.FAIL || proof.expected() == Outcome.WARN, proof + ": a broken rule FAILs or WARNs");
        }
    }

    /**
     * Checks whose rule is about a configuration the conforming baseline does not have: they SKIP there, and their
     * keep-the-rule row (a server with that configuration) shows the PASS.
     */
    private static final Map<String, String> UNEXERCISED_ON_THE_BASELINE = Map.of(
            "SMTP-TLS-REQUIRED", "the baseline listener does not require TLS (its keep-the-rule row: SMTP_TLS_REQUIRED)");

    private static Outcome wantedOnAConformingServer(String checkId, Level level) {
        if (UNEXERCISED_ON_THE_BASELINE.containsKey(checkId)) return Outcome.SKIP;
        return level == Level.INFO ? Outcome.INFO : Outcome.PASS;
    }

    @Test
    void baselineKeepsEveryRule() {
        List<CheckResult> results;
        try (FaultyTarget target = FaultyTarget.start(ServerFault.BASELINE)) {
            results = target.run(CheckSelection.all());
        }
        Map<String, CheckResult> byId = new LinkedHashMap<>();
        results.forEach(r -> byId.put(r.id(), r));
        List<String> problems = new ArrayList<>();
        for (CheckMetadata check : allChecks()) {
            CheckResult result = byId.get(check.id());
            Outcome wanted = wantedOnAConformingServer(check.id(), check.level());
            if (result == null) problems.add(check.id() + ": did not run");
            else if (result.outcome() != wanted) problems.add(describe(result, wanted));
            else if (check.modes().contains(Mode.ANTI_ABUSE) && result.transcript().isBlank()) {
                problems.add(check.id() + ": an anti-abuse PASS without its transcript (the evidence an audit reads)");
            }
        }
        if (!problems.isEmpty()) fail("against the conforming baseline:\n" + String.join("\n", problems));
    }

    /**
     * Servers that keep an error budget (the third error of a session closes it) conform: against them every check
     * still PASSes (INFO for INFO checks), so no check spends more than two errors on one connection or reads a
     * close it provoked as a broken rule.
     */
    @TestFactory
    Stream<DynamicTest> errorBudgetsBreakNoCheck() {
        return Stream.of("SMTP_CLOSES_AFTER_THREE_ERRORS", "POP3_CLOSES_AFTER_THREE_ERRORS").map(name ->
                DynamicTest.dynamicTest(name, () -> {
                    List<CheckResult> results;
                    try (FaultyTarget target = FaultyTarget.start(ServerFault.catalogue(name))) {
                        results = target.run(CheckSelection.all());
                    }
                    List<String> problems = results.stream()
                            .filter(r -> r.outcome() != Outcome.PASS && r.outcome() != Outcome.INFO
                                    && !(r.outcome() == Outcome.SKIP && UNEXERCISED_ON_THE_BASELINE.containsKey(r.id())))
                            .map(r -> describe(r, Outcome.PASS)).toList();
                    if (!problems.isEmpty()) fail("against " + name + ":\n" + String.join("\n", problems));
                }));
    }

    @TestFactory
    Stream<DynamicTest> eachFaultBreaksItsCheck() {
        return Stream.concat(ProofTable.ROWS.stream(), ProofTable.KEEPS_THE_RULE.stream()).map(proof -> DynamicTest.dynamicTest(proof.toString(), () -> {
            List<CheckResult> results;
            try (FaultyTarget target = FaultyTarget.start(proof.fault())) {
                results = target.run(CheckSelection.ids(proof.checkId()));
            }
            assertEquals(1, results.size(), "exactly the one check runs: " + results);
            CheckResult result = results.get(0);
            if (Boolean.getBoolean("mailharness.proof.verbose")) {
                System.out.println("PROOF\t" + proof.checkId() + "\t" + proof.fault().name() + "\t" + result.outcome() + "\t"
                        + result.expected().replace('\n', ' ') + "\t" + result.actual().replace('\n', ' '));
            }
            if (result.outcome() != proof.expected()) fail(describe(result, proof.expected()));
            if (result.actual().startsWith("check error")) fail("the check broke instead of judging: " + describe(result, proof.expected()));
            if (!result.expected().contains(proof.step()) || !result.actual().contains(proof.fragment())) {
                fail("failed for another reason than the row names (step '" + proof.step() + "', actual containing '"
                        + proof.fragment() + "'): " + describe(result, proof.expected()));
            }
        }));
    }

    static String describe(CheckResult result, Outcome wanted) {
        return result.id() + ": wanted " + wanted + ", got " + result.outcome()
                + "\n  expected: " + result.expected() + "\n  actual:   " + result.actual()
                + (result.transcript().isBlank() ? "" : "\n" + result.transcript().indent(4));
    }
}
