package io.mailharness.gatling;

import io.gatling.app.Gatling$;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.gatling.record.RunFolders;
import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import io.mailharness.settings.TargetSettings;

import java.nio.file.Path;
import java.time.Duration;

/** Runs a simulation with Gatling in this JVM, as the launcher does, and reads back what it wrote. */
public final class InProcessGatling {
    private InProcessGatling() {}

    /** Gatling's own exit status (0 ok, 2 assertions failed). */
    public static int run(Class<?> simulation, Path results) {
        String previous = System.getProperty(RunFolders.RESULTS_FOLDER_PROPERTY);
        System.setProperty(RunFolders.RESULTS_FOLDER_PROPERTY, results.toString());
        System.setProperty("gatling.data.enableAnalytics", "false");
        try {
            return Gatling$.MODULE$.fromArgs(new String[] {"-s", simulation.getName(), "-rf", results.toString(), "-nr"});
        } finally {
            if (previous == null) System.clearProperty(RunFolders.RESULTS_FOLDER_PROPERTY);
            else System.setProperty(RunFolders.RESULTS_FOLDER_PROPERTY, previous);
        }
    }

    public static Path runFolder(Class<?> simulation, Path results) {
        return RunFolders.newestRun(results, RunFolders.simulationId(simulation), 0).orElseThrow(() -> new AssertionError("no run folder in " + results));
    }

    public static RunRecord record(Class<?> simulation, Path results) {
        return RunRecordFiles.read(runFolder(simulation, results).resolve(RunRecord.FILE_NAME));
    }

    /** Target settings for a fault-injecting server on loopback, with short timeouts. */
    public static TargetSettings target(FaultyMailServer server, Duration readTimeout) {
        return server.settings(readTimeout);
    }
}
