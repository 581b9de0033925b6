package io.mailharness.gatling;

import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.TargetSettingsLoader;
import io.mailharness.sink.SinkSettings;
import io.mailharness.sink.SmtpSink;
import io.mailharness.sink.StageDelay;
import io.mailharness.sink.StagePlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that takes 200 ms to answer RCPT is reported as exactly that: RCPT carries the delay and no other
 * stage does. Only what a busy machine cannot break is asserted (RCPT p50 at least the delay, every other
 * stage's p50 far below it); the exact figures are simulations/bench/latency-truth.sh's.
 */
class LatencyTruthTest {
    private static final long DELAY_MILLIS = 200;

    @TempDir
    Path results;

    @AfterEach
    void reset() {
        ScriptedSimulation.resetDefaults();
    }

    @Test
    void aDelayBeforeTheRcptReplyShowsInRcptAndInNoOtherStage() throws IOException {
        try (SmtpSink sink = SmtpSink.start(SinkSettings.defaults().withIoThreads(1)
                .withPlan(StagePlan.of(List.of(StageDelay.parse("rcpt=" + DELAY_MILLIS + "ms")), List.of(), List.of())))) {
            ScriptedSimulation.cases = List.of(new ScriptedSimulation.Case("delayed", sinkTarget(sink), 12, 4, false));

            InProcessGatling.run(ScriptedSimulation.class, results);

            RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
            RequestStats rcpt = record.requests().get("delayed RCPT");
            assertEquals(12, rcpt.ok(), record.requests().toString());
            assertTrue(rcpt.p50() >= DELAY_MILLIS, "RCPT p50 " + rcpt.p50() + " ms");
            record.requests().forEach((stage, stats) -> {
                if (!stage.equals("delayed RCPT")) assertTrue(stats.p50() <= 100, stage + " p50 " + stats.p50() + " ms");
            });
        }
    }

    private TargetSettings sinkTarget(SmtpSink sink) throws IOException {
        Path file = Files.writeString(results.resolve("sink.conf"), """
                targets { sink {
                  smtp { host = "127.0.0.1", port = %d }
                  accounts = [ { address = "sink@sink.test", password = "unused", disposable = true } ]
                } }
                """.formatted(sink.smtpAddress().getPort()));
        return TargetSettingsLoader.load(file, "sink", Map.of());
    }
}
