package io.mailharness.pages;

import io.mailharness.files.AtomicFiles;
import io.mailharness.result.ConformanceRun;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the conformance matrix page and its JSON from several {@code conformance-result.json} files.
 * Exit 0 when written, 2 on bad input (one line on stderr, no stack trace).
 */
public final class ConformanceMatrixMain {
    static final String USAGE = """
            Usage: ConformanceMatrixMain --out DIR [--versions FILE] [--title TEXT] [--unavailable NAME=REASON]... [NAME=]RESULT...
              RESULT              a conformance-result.json, or the folder holding one; NAME= overrides the target name
              --out DIR           where conformance-matrix.html and conformance-matrix.json are written
              --versions FILE     server versions: a JSON object {"name": "version"}, or lines NAME=VERSION or NAME: VERSION
                                  (the output of 'servers/mailharness-servers version NAME' appended as is)
              --unavailable N=R   a server whose run failed, shown as an unavailable column with reason R
              --title TEXT        the page title (default: Conformance matrix)
            Columns appear in the order given.""";

    private ConformanceMatrixMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Instant.now()));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Instant now) {
        return ComparisonCommand.run("conformance-matrix", USAGE, args, out, err, (arguments, versions) -> {
            List<MatrixColumn> columns = new ArrayList<>();
            List<String> taken = new ArrayList<>();
            for (ComparisonArguments.Source source : arguments.sources()) {
                MatrixColumn column = switch (source) {
                    case ComparisonArguments.Source.Input input -> {
                        ConformanceRun run = ConformanceResultReader.read(input.path());
                        String name = input.name() != null ? input.name() : run.target();
                        yield MatrixColumn.of(ComparisonArguments.unique(name, taken), versions.of(name, run.target()), run);
                    }
                    case ComparisonArguments.Source.Unavailable u ->
                            MatrixColumn.unavailable(ComparisonArguments.unique(u.name(), taken), versions.of(u.name()), u.reason());
                };
                taken.add(column.name());
                columns.add(column);
            }
            MatrixModel model = MatrixModel.build(arguments.title().orElse("Conformance matrix"), now, columns);
            Path html = AtomicFiles.write(arguments.out().resolve(MatrixPage.FILE_NAME), MatrixPage.render(model));
            Path json = AtomicFiles.write(arguments.out().resolve(MatrixJson.FILE_NAME), MatrixJson.render(model));
            return List.of(html, json);
        });
    }
}
