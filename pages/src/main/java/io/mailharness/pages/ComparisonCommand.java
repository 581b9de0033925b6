package io.mailharness.pages;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What every comparison page command shares: parsing the arguments, --help, reading the server versions,
 * printing the paths written, and turning bad input into one line with exit 2 (an unexpected error: exit 1).
 */
final class ComparisonCommand {
    /** Builds and writes one page (and its JSON) from the parsed arguments; returns the paths written. */
    interface PageWriter {
        List<Path> write(ComparisonArguments arguments, ServerVersions versions) throws IOException;
    }

    private ComparisonCommand() {}

    static int run(String command, String usage, String[] args, PrintStream out, PrintStream err, PageWriter writer) {
        try {
            ComparisonArguments arguments = ComparisonArguments.parse(args);
            if (arguments.help()) {
                out.println(usage);
                return 0;
            }
            ServerVersions versions = arguments.versions().map(ServerVersions::read).orElse(ServerVersions.none());
            writer.write(arguments, versions).forEach(out::println);
            return 0;
        } catch (ComparisonInputException e) {
            err.println(command + ": " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println(command + ": cannot write the page: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println(command + ": internal error: " + e + " (please report it)");
            return 1;
        }
    }
}
