package io.mailharness.pages;

import io.mailharness.result.CheckResult;
import io.mailharness.result.ConformanceRun;
import io.mailharness.result.Outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The verdict audit: per target, every row a reviewer must read (each FAIL and WARN, and each PASS of an
 * {@code anti-abuse} row) joined with the note on it, and the problems that keep the notes from matching
 * the runs: a row without a note, a note whose verdict the run no longer gives, a target with notes but no
 * run.
 */
public final class VerdictAudit {
    static final String ANTI_ABUSE = "anti-abuse";

    /**
     * One target's run.
     *
     * @param name    the target's name (the compare-servers folder, else the target the result names)
     * @param version the server's version, empty when unknown
     * @param run     its conformance result
     */
    public record Target(String name, String version, ConformanceRun run) {}

    /** A row to review and the note that matches its verdict, if any. */
    public record Row(CheckResult check, Optional<VerdictNotes.Note> note) {}

    private final List<Target> targets;
    private final VerdictNotes notes;

    public VerdictAudit(List<Target> targets, VerdictNotes notes) {
        this.targets = List.copyOf(targets);
        this.notes = notes;
    }

    public List<Target> targets() {
        return targets;
    }

    /** True for the rows the audit reviews. */
    public static boolean reviewed(CheckResult check) {
        return check.outcome() == Outcome.FAIL || check.outcome() == Outcome.WARN
                || check.outcome() == Outcome.PASS && check.tags().contains(ANTI_ABUSE);
    }

    /** A target's rows to review, in run order. */
    public List<Row> rows(Target target) {
        List<Row> rows = new ArrayList<>();
        for (CheckResult check : target.run().checks()) {
            if (!reviewed(check)) continue;
            rows.add(new Row(check, notes.on(target.name(), check.id()).filter(n -> n.verdict() == check.outcome())));
        }
        return rows;
    }

    /** One line per problem, in target order; empty when every row has its note and every note its row. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (Target target : targets) {
            covered.add(target.name());
            Map<String, CheckResult> checks = new LinkedHashMap<>();
            target.run().checks().forEach(c -> checks.put(c.id(), c));
            for (Row row : rows(target)) {
                if (row.note().isPresent()) continue;
                CheckResult check = row.check();
                problems.add(target.name() + " " + check.id() + " " + check.outcome() + ": no note"
                        + notes.on(target.name(), check.id()).map(n -> " (the note on line " + n.line() + " is for " + n.verdict() + ")").orElse(""));
            }
            for (VerdictNotes.Note note : notes.all()) {
                if (!note.target().equals(target.name())) continue;
                CheckResult check = checks.get(note.id());
                if (check == null) {
                    problems.add(stale(note) + "the run has no such check");
                } else if (check.outcome() != note.verdict()) {
                    problems.add(stale(note) + "the run gives " + check.outcome());
                } else if (!reviewed(check)) {
                    problems.add(stale(note) + "a PASS of a row not tagged " + ANTI_ABUSE + " is not reviewed");
                }
            }
        }
        Map<String, Integer> uncovered = new LinkedHashMap<>();
        for (VerdictNotes.Note note : notes.all()) {
            if (!covered.contains(note.target())) uncovered.merge(note.target(), 1, Integer::sum);
        }
        uncovered.forEach((target, count) -> problems.add(target + ": no result for this target (" + count + " notes)"));
        return problems;
    }

    private static String stale(VerdictNotes.Note note) {
        return note.target() + " " + note.id() + " " + note.verdict() + ": stale note (line " + note.line() + "): ";
    }
}
