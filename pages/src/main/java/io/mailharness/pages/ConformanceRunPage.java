package io.mailharness.pages;

import io.mailharness.files.AtomicFiles;
import io.mailharness.result.ConformanceRun;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The page of one conformance run ({@code conformance.html}, beside {@code conformance-result.json}): the
 * conformance matrix with the run as its only column, so it has the same filters, cells and transcripts,
 * and the run's overall result in its heading. Self-contained like the matrix.
 */
public final class ConformanceRunPage {
    public static final String FILE_NAME = "conformance.html";

    private ConformanceRunPage() {}

    public static String render(ConformanceRun run, Instant generatedAt) {
        MatrixColumn column = MatrixColumn.of(run.target(), "", run);
        String title = "Conformance of " + run.target()
                + (run.unfinished() > 0 ? " (incomplete: stopped with " + run.unfinished() + " of " + run.checks().size() + " checks not finished)" : "");
        return MatrixPage.render(MatrixModel.build(title, generatedAt, List.of(column)));
    }

    /** Writes the page into {@code directory} (through a temporary file) and returns its path. */
    public static Path write(ConformanceRun run, Path directory) throws IOException {
        return AtomicFiles.write(directory.resolve(FILE_NAME), render(run, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    }
}
