package io.mailharness.gate.baseline;

import io.mailharness.record.RunRecord;
import io.mailharness.gate.input.BadInput;
import io.mailharness.gate.compare.Tolerances;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a baseline lives: a folder (typically committed, e.g. {@code baselines/mail-day/}) holding the
 * baseline's {@code run-record.json} and its {@code baseline-tolerances.conf}. A record file named
 * directly also works; its tolerances are then the file beside it.
 */
public record BaselineLocation(Path recordFile, Path tolerancesFile) {

    /** An existing baseline, for comparing against. */
    public static BaselineLocation of(Path given) {
        if (!Files.exists(given)) {
            throw new BadInput("baseline " + given + " does not exist (create it with promote-baseline RUN " + given + ")");
        }
        if (Files.isDirectory(given)) {
            Path record = given.resolve(RunRecord.FILE_NAME);
            if (!Files.isRegularFile(record)) throw new BadInput("baseline folder " + given + " has no " + RunRecord.FILE_NAME);
            return new BaselineLocation(record, given.resolve(Tolerances.FILE_NAME));
        }
        return new BaselineLocation(given, given.toAbsolutePath().resolveSibling(Tolerances.FILE_NAME));
    }

    /** A baseline folder to promote a run into; it need not exist yet. */
    public static BaselineLocation folder(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new BadInput("baseline location " + folder + " is a file; name the baseline folder");
        }
        return new BaselineLocation(folder.resolve(RunRecord.FILE_NAME), folder.resolve(Tolerances.FILE_NAME));
    }
}
