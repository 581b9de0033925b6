package io.mailharness.pages;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mailharness.result.ConformanceRun;
import io.mailharness.result.Level;
import io.mailharness.result.ResultJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matrix as JSON ({@code conformance-matrix.json}), written by {@link ResultJson}: the servers with
 * version, availability and totals, then the sections with their checks, each check's cells keyed by
 * server name. The records are the layout.
 *
 * @param title           the page's title
 * @param generatedAt     ISO-8601 instant the matrix was built
 * @param servers         the columns, in order
 * @param checkCount      how many checks (rows)
 * @param differingChecks how many checks the available servers disagree on
 * @param sections        the RFC sections in the suite's order
 */
public record MatrixJson(String title, String generatedAt, List<Server> servers, int checkCount, long differingChecks, List<Section> sections) {
    public static final String FILE_NAME = "conformance-matrix.json";

    /** One column; the run's fields when available, the reason when not (absent fields are left out). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Server(String name, String version, boolean available, String description, String smtpGreeting, String pop3Greeting,
                         String startedAt, Boolean strict, Map<String, Integer> totals, String unavailableReason) {}

    public record Section(String heading, List<Check> checks) {}

    public record Check(String id, Level level, String requirement, List<String> tags, boolean differs, Map<String, Cell> cells) {}

    /**
     * One check on one server: the outcome, or "NOT RUN" or "N/A", with the evidence when there is a result.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(String outcome, String expected, String actual, String transcript, Long durationMillis) {}

    public static MatrixJson of(MatrixModel model) {
        List<MatrixColumn> columns = model.columns();
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) servers.add(server(model, i));
        List<Section> sections = new ArrayList<>();
        for (MatrixModel.Section section : model.sections()) {
            List<Check> checks = new ArrayList<>();
            for (MatrixModel.Row row : section.rows()) {
                Map<String, Cell> cells = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) cells.put(columns.get(i).name(), cell(row.cells().get(i)));
                checks.add(new Check(row.id(), row.level(), row.requirement(), row.tags(), row.differs(), cells));
            }
            sections.add(new Section(section.heading(), checks));
        }
        return new MatrixJson(model.title(), model.generatedAt().toString(), servers, model.rows().size(), model.differingRows(), sections);
    }

    private static Server server(MatrixModel model, int i) {
        MatrixColumn column = model.columns().get(i);
        if (column.run().isEmpty()) {
            return new Server(column.name(), column.version(), false, null, null, null, null, null, null, column.unavailableReason());
        }
        ConformanceRun run = column.run().get();
        Map<String, Integer> totals = new LinkedHashMap<>();
        model.totals(i).forEach((outcome, n) -> totals.put(outcome.name(), n));
        totals.put("NOT_RUN", model.notRun(i));
        return new Server(column.name(), column.version(), true, run.description(), run.smtpGreeting(), run.pop3Greeting(),
                run.startedAt(), run.strict(), totals, null);
    }

    private static Cell cell(MatrixModel.Cell cell) {
        if (cell.kind() != MatrixModel.CellKind.RESULT) return new Cell(cell.label(), null, null, null, null);
        return new Cell(cell.label(), cell.expected(), cell.actual(), cell.transcript(), cell.durationMillis());
    }

    public static String render(MatrixModel model) {
        return ResultJson.text(of(model));
    }
}
