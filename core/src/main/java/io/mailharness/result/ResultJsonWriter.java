package io.mailharness.result;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The former name of {@link ConformanceResultFile}'s writing side, kept so that callers compiled against
 * it keep working.
 *
 * @deprecated use {@link ConformanceResultFile}
 */
@Deprecated
public final class ResultJsonWriter {
    /** @deprecated use {@link ConformanceResultFile#FILE_NAME} */
    @Deprecated
    public static final String FILE_NAME = ConformanceResultFile.FILE_NAME;

    private ResultJsonWriter() {}

    /** @deprecated use {@link ConformanceResultFile#write} */
    @Deprecated
    public static Path write(ConformanceRun run, Path directory) throws IOException {
        return ConformanceResultFile.write(run, directory);
    }
}
