package io.mailharness.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailharness.result.ConformanceRun;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * The matrix as JSON ({@code conformance-matrix.json}): the servers with version, availability and
 * totals, then the sections with their checks, each check's cells keyed by server name.
 */
public final class MatrixJson {
    public static final String FILE_NAME = "conformance-matrix.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MatrixJson() {}

    public static ObjectNode toJson(MatrixModel model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", model.title());
        root.put("generatedAt", model.generatedAt().toString());
        ArrayNode servers = root.putArray("servers");
        List<MatrixColumn> columns = model.columns();
        for (int i = 0; i < columns.size(); i++) {
            MatrixColumn column = columns.get(i);
            ObjectNode server = servers.addObject();
            server.put("name", column.name());
            server.put("version", column.version());
            server.put("available", column.available());
            if (column.available()) {
                ConformanceRun run = column.run().orElseThrow();
                server.put("description", run.description());
                server.put("smtpGreeting", run.smtpGreeting());
                server.put("pop3Greeting", run.pop3Greeting());
                server.put("startedAt", run.startedAt());
                server.put("strict", run.strict());
                ObjectNode totals = server.putObject("totals");
                model.totals(i).forEach((outcome, n) -> totals.put(outcome.name(), n));
                totals.put("NOT_RUN", model.notRun(i));
            } else {
                server.put("unavailableReason", column.unavailableReason());
            }
        }
        root.put("checkCount", model.rows().size());
        root.put("differingChecks", model.differingRows());
        ArrayNode sections = root.putArray("sections");
        for (MatrixModel.Section section : model.sections()) {
            ObjectNode s = sections.addObject();
            s.put("heading", section.heading());
            ArrayNode checks = s.putArray("checks");
            for (MatrixModel.Row row : section.rows()) {
                ObjectNode check = checks.addObject();
                check.put("id", row.id());
                check.put("level", row.level().name());
                check.put("requirement", row.requirement());
                ArrayNode tags = check.putArray("tags");
                row.tags().forEach(tags::add);
                check.put("differs", row.differs());
                ObjectNode cells = check.putObject("cells");
                for (int i = 0; i < columns.size(); i++) {
                    MatrixModel.Cell cell = row.cells().get(i);
                    ObjectNode c = cells.putObject(columns.get(i).name());
                    c.put("outcome", cell.label());
                    if (cell.kind() == MatrixModel.CellKind.RESULT) {
                        c.put("expected", cell.expected());
                        c.put("actual", cell.actual());
                        c.put("transcript", cell.transcript());
                        c.put("durationMillis", cell.durationMillis());
                    }
                }
            }
        }
        return root;
    }

    public static String render(MatrixModel model) {
        try {
            return JSON.writeValueAsString(toJson(model));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
