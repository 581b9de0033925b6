package io.mailharness.pages;

import io.mailharness.result.CheckResult;
import io.mailharness.result.Level;
import io.mailharness.result.Outcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The conformance matrix: every check any server ran as a row, grouped by RFC section in the suite's
 * order; every server as a column; one cell per check and server.
 *
 * @param title       the page's title
 * @param generatedAt when the matrix was built
 * @param columns     the servers, in the order given
 * @param sections    the RFC sections, each with its checks
 */
public record MatrixModel(String title, Instant generatedAt, List<MatrixColumn> columns, List<Section> sections) {

    /** What a cell holds: a verdict, nothing because the server's run lacks the check, or nothing because the server was unavailable. */
    public enum CellKind { RESULT, NOT_RUN, UNAVAILABLE }

    /** One check on one server; {@code outcome} is null unless the kind is RESULT. */
    public record Cell(CellKind kind, Outcome outcome, String expected, String actual, String transcript, long durationMillis) {
        /** The cell's text label: the outcome, "NOT RUN" or "N/A" (as its {@link Badge} shows it). */
        public String label() {
            return Badge.of(this).label();
        }

        /** A check its run was stopped before it finished (a SKIP the harness gave, not the server). */
        public boolean unfinished() {
            return actual != null && actual.startsWith(io.mailharness.result.CheckResult.NOT_FINISHED);
        }
    }

    /**
     * One check: its description (from the first server that ran it) and one cell per column.
     *
     * @param index the row's position in the whole matrix, counted from 0 across sections
     */
    public record Row(int index, String id, String sectionHeading, Level level, String requirement, List<String> tags, List<Cell> cells) {
        /**
         * True when the servers that ran this check to its end do not all agree on it: a server unavailable, a check
         * not in a server's result (a selection) or not finished (a run stopped by a signal) says nothing of the server.
         */
        public boolean differs() {
            Set<String> labels = new HashSet<>();
            for (Cell c : cells) if (c.kind() == CellKind.RESULT && !c.unfinished()) labels.add(c.label());
            return labels.size() > 1;
        }

        /** What the page's free-text filter searches: ID, requirement, section and tags, lower case. */
        public String searchText() {
            return (id + " " + requirement + " " + sectionHeading + " " + String.join(" ", tags)).toLowerCase(Locale.ROOT);
        }
    }

    public record Section(String heading, List<Row> rows) {}

    public MatrixModel {
        columns = List.copyOf(columns);
        sections = List.copyOf(sections);
    }

    public static MatrixModel build(String title, Instant generatedAt, List<MatrixColumn> columns) {
        Map<String, CheckResult> firstSeen = new LinkedHashMap<>();
        for (MatrixColumn column : columns) {
            column.run().ifPresent(run -> run.checks().forEach(c -> firstSeen.putIfAbsent(c.id(), c)));
        }
        List<Map<String, CheckResult>> byColumn = new ArrayList<>();
        for (MatrixColumn column : columns) {
            Map<String, CheckResult> checks = new LinkedHashMap<>();
            column.run().ifPresent(run -> run.checks().forEach(c -> checks.putIfAbsent(c.id(), c)));
            byColumn.add(checks);
        }
        Map<String, List<CheckResult>> bySection = new LinkedHashMap<>();
        for (CheckResult check : firstSeen.values()) bySection.computeIfAbsent(check.sectionHeading(), k -> new ArrayList<>()).add(check);
        List<Section> sections = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, List<CheckResult>> section : bySection.entrySet()) {
            List<Row> rows = new ArrayList<>();
            for (CheckResult check : section.getValue()) {
                List<Cell> cells = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) cells.add(cell(columns.get(i), byColumn.get(i).get(check.id())));
                rows.add(new Row(index++, check.id(), section.getKey(), check.level(), check.requirement(), check.tags(), List.copyOf(cells)));
            }
            sections.add(new Section(section.getKey(), List.copyOf(rows)));
        }
        return new MatrixModel(title, generatedAt, columns, sections);
    }

    private static Cell cell(MatrixColumn column, CheckResult result) {
        if (!column.available()) return new Cell(CellKind.UNAVAILABLE, null, "", "", column.unavailableReason(), 0);
        if (result == null) return new Cell(CellKind.NOT_RUN, null, "", "", "", 0);
        return new Cell(CellKind.RESULT, result.outcome(), result.expected(), result.actual(), result.transcript(), result.durationMillis());
    }

    public List<Row> rows() {
        return sections.stream().flatMap(s -> s.rows().stream()).toList();
    }

    /** How many cells of a column have each outcome (NOT RUN and N/A cells are not counted). */
    public Map<Outcome, Integer> totals(int column) {
        Map<Outcome, Integer> totals = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) totals.put(o, 0);
        for (Row row : rows()) {
            Cell cell = row.cells().get(column);
            if (cell.kind() == CellKind.RESULT) totals.merge(cell.outcome(), 1, Integer::sum);
        }
        return totals;
    }

    /** How many checks of a column's run are missing from it (NOT RUN cells). */
    public int notRun(int column) {
        return (int) rows().stream().filter(r -> r.cells().get(column).kind() == CellKind.NOT_RUN).count();
    }

    /** Every tag used by any check, sorted. */
    public List<String> tags() {
        Set<String> tags = new TreeSet<>();
        rows().forEach(r -> tags.addAll(r.tags()));
        return List.copyOf(tags);
    }

    /** True when the matrix compares several servers; a single run's page has one column. */
    public boolean comparison() {
        return columns.size() > 1;
    }

    public long differingRows() {
        return rows().stream().filter(Row::differs).count();
    }
}
