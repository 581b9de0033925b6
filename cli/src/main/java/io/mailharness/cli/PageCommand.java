package io.mailharness.cli;

import io.mailharness.pages.ColumnSource;
import io.mailharness.pages.ServerVersions;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import java.util.concurrent.Callable;

/**
 * What both comparison page commands take: {@code --out DIR [--versions FILE] [--title TEXT]
 * [--unavailable NAME=REASON]... [NAME=]RESULT...}. Results and unavailable servers become columns in the
 * order typed.
 */
abstract class PageCommand implements Callable<Integer> {
    @ParentCommand
    Mailharness mailharness;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the page and its JSON are written")
    Path out;

    @Option(names = "--versions", paramLabel = "FILE",
            description = "server versions: a JSON object {\"name\": \"version\"}, or lines NAME=VERSION or NAME: VERSION"
                    + " (what 'servers/mailharness-servers version NAME' prints)")
    Path versions;

    @Option(names = "--title", paramLabel = "TEXT", description = "the page title")
    String title;

    @Option(names = "--unavailable", paramLabel = "NAME=REASON", parameterConsumer = ColumnsInOrder.class,
            description = "a server whose run failed, shown as an unavailable column with the reason (repeatable)")
    List<String> unavailable;

    @Parameters(paramLabel = "[NAME=]RESULT", arity = "0..*", parameterConsumer = ColumnsInOrder.class,
            description = "a result file or a folder holding one; NAME= names the column (default: the target the result names)")
    List<String> results;

    /** The columns, in the order typed. */
    final List<ColumnSource> sources = new ArrayList<>();

    /** Writes the page and its JSON; returns their paths. */
    abstract List<Path> write(Path out, String title, ServerVersions versions, List<ColumnSource> sources, Instant now) throws IOException;

    abstract String defaultTitle();

    @Override
    public Integer call() throws IOException {
        if (sources.isEmpty()) throw new ParameterException(spec.commandLine(), "no input given: name at least one result");
        ServerVersions known = versions == null ? ServerVersions.none() : ServerVersions.read(versions);
        write(out, title == null ? defaultTitle() : title, known, sources, Instant.now()).forEach(path -> mailharness.out.println(path.toAbsolutePath()));
        return ExitCode.OK;
    }

    /** Adds each --unavailable option and each result argument to the columns as it comes, keeping their order. */
    static final class ColumnsInOrder implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            if (args.isEmpty()) throw new ParameterException(commandSpec.commandLine(), "--unavailable needs NAME=REASON");
            PageCommand command = (PageCommand) commandSpec.userObject();
            String value = args.pop();
            command.sources.add(argSpec.isOption() ? unavailable(commandSpec, value) : result(value));
        }

        private static ColumnSource unavailable(CommandSpec commandSpec, String spec) {
            int eq = spec.indexOf('=');
            String name = (eq < 0 ? spec : spec.substring(0, eq)).strip();
            String reason = eq < 0 ? "" : spec.substring(eq + 1).strip();
            // the reason is what a reader of the page needs: a column marked unavailable without one says nothing
            if (name.isEmpty() || reason.isEmpty()) throw new ParameterException(commandSpec.commandLine(), "--unavailable needs NAME=REASON, got '" + spec + "'");
            return new ColumnSource.Unavailable(name, reason);
        }

        /** {@code NAME=PATH} names the column; a plain path (even one containing '=') that exists is taken as is. */
        private static ColumnSource result(String arg) {
            int eq = arg.indexOf('=');
            if (eq > 0 && !Files.exists(Path.of(arg)) && !arg.substring(0, eq).contains("/")) {
                return new ColumnSource.Result(arg.substring(0, eq), Path.of(arg.substring(eq + 1)));
            }
            return new ColumnSource.Result(null, Path.of(arg));
        }
    }
}
