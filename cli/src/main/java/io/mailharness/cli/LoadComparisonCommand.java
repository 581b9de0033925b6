package io.mailharness.cli;

import io.mailharness.pages.ColumnSource;
import io.mailharness.pages.ComparisonPages;
import io.mailharness.pages.ServerVersions;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** {@code mailharness load-comparison}: the load comparison page from run records already written. */
@Command(name = "load-comparison", sortOptions = false,
        description = {"Build the load comparison page from run records.",
                "Writes load-comparison.html and .json from several run records of the same simulation (one column"
                + " per server; a results folder's newest run is taken; compare-servers does this after its runs)."},
        footer = {"", "Exit status: 0 written, 2 bad input."})
final class LoadComparisonCommand extends PageCommand {
    @Override
    List<Path> write(Path out, String title, ServerVersions versions, List<ColumnSource> sources, Instant now) throws IOException {
        return ComparisonPages.writeLoadComparison(out, title, versions, sources, now);
    }

    @Override
    String defaultTitle() {
        return ComparisonPages.LOAD_TITLE;
    }
}
