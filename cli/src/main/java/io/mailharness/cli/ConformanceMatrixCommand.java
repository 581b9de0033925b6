package io.mailharness.cli;

import io.mailharness.pages.ColumnSource;
import io.mailharness.pages.ComparisonPages;
import io.mailharness.pages.ServerVersions;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** {@code mailharness conformance-matrix}: the matrix page from conformance results already written. */
@Command(name = "conformance-matrix", sortOptions = false,
        description = {"Build the conformance matrix page from conformance results.",
                "Writes conformance-matrix.html and .json from several conformance-result.json files (one column"
                + " per server; compare-servers does this after its runs)."},
        footer = {"", "Exit status: 0 written, 2 bad input."})
final class ConformanceMatrixCommand extends PageCommand {
    @Override
    List<Path> write(Path out, String title, ServerVersions versions, List<ColumnSource> sources, Instant now) throws IOException {
        return ComparisonPages.writeMatrix(out, title, versions, sources, now);
    }

    @Override
    String defaultTitle() {
        return ComparisonPages.MATRIX_TITLE;
    }
}
