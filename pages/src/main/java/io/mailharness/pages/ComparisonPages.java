package io.mailharness.pages;

import io.mailharness.files.AtomicFiles;
import io.mailharness.record.RunRecord;
import io.mailharness.result.ConformanceRun;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the comparison pages, each with its JSON, from one column per server in the order given: the
 * conformance matrix from {@code conformance-result.json} files, the load comparison from
 * {@code run-record.json} files. A missing or malformed input is a {@link ComparisonInputException}.
 */
public final class ComparisonPages {
    public static final String MATRIX_TITLE = "Conformance matrix";
    public static final String LOAD_TITLE = "Load comparison";

    private ComparisonPages() {}

    /** Writes conformance-matrix.html and .json into {@code out}; returns their paths. */
    public static List<Path> writeMatrix(Path out, String title, ServerVersions versions, List<ColumnSource> sources, Instant now) throws IOException {
        ColumnNames names = new ColumnNames();
        List<MatrixColumn> columns = new ArrayList<>();
        for (ColumnSource source : sources) {
            columns.add(switch (source) {
                case ColumnSource.Result result -> {
                    ConformanceRun run = ConformanceResultReader.read(result.path());
                    String name = result.name() != null ? result.name() : run.target();
                    yield MatrixColumn.of(names.take(name), versions.of(name, run.target()), run);
                }
                case ColumnSource.Unavailable u -> MatrixColumn.unavailable(names.take(u.name()), versions.of(u.name()), u.reason());
            });
        }
        MatrixModel model = MatrixModel.build(title, now, columns);
        return List.of(AtomicFiles.write(out.resolve(MatrixPage.FILE_NAME), MatrixPage.render(model)),
                AtomicFiles.write(out.resolve(MatrixJson.FILE_NAME), MatrixJson.render(model)));
    }

    /** Writes load-comparison.html and .json into {@code out}; returns their paths. A results folder's newest run is taken. */
    public static List<Path> writeLoadComparison(Path out, String title, ServerVersions versions, List<ColumnSource> sources, Instant now) throws IOException {
        ColumnNames names = new ColumnNames();
        List<LoadColumn> columns = new ArrayList<>();
        for (ColumnSource source : sources) {
            columns.add(switch (source) {
                case ColumnSource.Result result -> {
                    RunRecord record = RunRecordLocator.read(result.path());
                    String name = result.name() != null ? result.name() : record.target() == null ? "target" : record.target();
                    yield LoadColumn.of(names.take(name), versions.of(name, record.target()), record);
                }
                case ColumnSource.Unavailable u -> LoadColumn.unavailable(names.take(u.name()), versions.of(u.name()), u.reason());
            });
        }
        LoadComparisonModel model = LoadComparisonModel.build(title, now, columns);
        return List.of(AtomicFiles.write(out.resolve(LoadComparisonPage.FILE_NAME), LoadComparisonPage.render(model)),
                AtomicFiles.write(out.resolve(LoadComparisonJson.FILE_NAME), LoadComparisonJson.render(model)));
    }

    /** Hands out column names, each unique on its page: {@code name}, {@code name (2)}, … */
    static final class ColumnNames {
        private final Set<String> taken = new HashSet<>();

        String take(String name) {
            String candidate = name;
            for (int n = 2; taken.contains(candidate); n++) candidate = name + " (" + n + ")";
            taken.add(candidate);
            return candidate;
        }
    }
}
