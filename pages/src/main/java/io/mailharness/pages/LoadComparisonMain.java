package io.mailharness.pages;

import io.mailharness.files.AtomicFiles;
import io.mailharness.record.RunRecord;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the load comparison page and its JSON from several {@code run-record.json} files (one per server,
 * same simulation and parameters). Exit 0 when written, 2 on bad input (one line on stderr, no stack trace).
 */
public final class LoadComparisonMain {
    static final String USAGE = """
            Usage: LoadComparisonMain --out DIR [--versions FILE] [--title TEXT] [--unavailable NAME=REASON]... [NAME=]RECORD...
              RECORD              a run-record.json, a run folder holding one, or a results folder (its newest run is taken);
                                  NAME= overrides the target name in the record
              --out DIR           where load-comparison.html and load-comparison.json are written
              --versions FILE     server versions: a JSON object {"name": "version"}, or lines NAME=VERSION or NAME: VERSION
              --unavailable N=R   a server whose run failed, shown as unavailable with reason R
              --title TEXT        the page title (default: Load comparison)
            Columns appear in the order given.""";

    private LoadComparisonMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Instant.now()));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Instant now) {
        return ComparisonCommand.run("load-comparison", USAGE, args, out, err, (arguments, versions) -> {
            List<LoadColumn> columns = new ArrayList<>();
            List<String> taken = new ArrayList<>();
            for (ComparisonArguments.Source source : arguments.sources()) {
                LoadColumn column = switch (source) {
                    case ComparisonArguments.Source.Input input -> {
                        RunRecord record = RunRecordLocator.read(input.path());
                        String name = input.name() != null ? input.name() : record.target() == null ? "target" : record.target();
                        yield LoadColumn.of(ComparisonArguments.unique(name, taken), versions.of(name, record.target()), record);
                    }
                    case ComparisonArguments.Source.Unavailable u ->
                            LoadColumn.unavailable(ComparisonArguments.unique(u.name(), taken), versions.of(u.name()), u.reason());
                };
                taken.add(column.name());
                columns.add(column);
            }
            LoadComparisonModel model = LoadComparisonModel.build(arguments.title().orElse("Load comparison"), now, columns);
            Path html = AtomicFiles.write(arguments.out().resolve(LoadComparisonPage.FILE_NAME), LoadComparisonPage.render(model));
            Path json = AtomicFiles.write(arguments.out().resolve(LoadComparisonJson.FILE_NAME), LoadComparisonJson.render(model));
            return List.of(html, json);
        });
    }
}
