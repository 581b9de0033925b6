package io.mailharness.gatling.record;

import io.mailharness.gatling.check.Outcome;
import io.mailharness.record.CappedList;
import io.mailharness.record.ErrorGroup;
import io.mailharness.record.RequestStats;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The KO messages a run record keeps, grouped and capped, and OK and KO latencies kept apart. */
class LatencyRecorderTest {
    @Test
    void theMostFrequentKoMessagesAreKeptMostFrequentFirst() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < 60; i++) {
            for (int n = 0; n <= i % 7; n++) recorder.record("SMTP RCPT", 1_000, Outcome.ko("5xx", "550", "5xx 550 user u" + (char) ('a' + i % 26) + i / 26));
        }
        recorder.record("SMTP MAIL", 1_000, Outcome.ok("250"));

        Map<String, Long> kept = recorder.errors(50);

        assertEquals(50, kept.size());
        assertEquals(60, recorder.errors().size(), "the recorder itself keeps every message");
        List<Long> counts = List.copyOf(kept.values());
        for (int i = 1; i < counts.size(); i++) assertEquals(true, counts.get(i - 1) >= counts.get(i), "most frequent first: " + counts);
        assertEquals(7L, counts.getFirst());
    }

    @Test
    void errorsGroupWithOneVerbatimExampleAndTheCapSaysWhatItLeftOut() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int second = 0; second < 75; second++) {
            String line = "Internal error occurred. [2026-12-05 10:48:" + String.format("%02d", second % 60) + "]";
            recorder.record("POP3 RETR", 5_000, Outcome.ko("-ERR", "-ERR", "SYS/TEMP", "-ERR [SYS/TEMP]", line));
        }
        for (int i = 0; i < 3; i++) recorder.record("POP3 PASS", 1_000, Outcome.ko("-ERR", "-ERR", null, "-ERR", "user " + i + " locked"));

        CappedList<ErrorGroup> groups = recorder.errorGroups(1);

        assertEquals(1, groups.entries().size());
        assertEquals(1, groups.leftOut(), "the PASS group left out, and said so");
        ErrorGroup retr = groups.entries().getFirst();
        assertEquals(75, retr.count(), "one group, not one per second");
        assertEquals("POP3 RETR", retr.request());
        assertEquals("SYS/TEMP", retr.enhancedStatusCode());
        assertEquals("-ERR [SYS/TEMP] Internal error occurred. [<time>]", retr.pattern());
        assertEquals("-ERR [SYS/TEMP] Internal error occurred. [2026-12-05 10:48:00]", retr.example());
    }

    @Test
    void failedAttemptsNeverEnterTheOkPercentiles() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < 100; i++) recorder.record("SMTP connect+greeting", 20_000, Outcome.ok("220"));
        for (int i = 0; i < 1000; i++) recorder.record("SMTP connect+greeting", 100, Outcome.ko("connection", null, "connection: refused"));

        RequestStats stats = recorder.requestStats().get("SMTP connect+greeting");

        assertEquals(20.0, stats.p50(), 0.05, "the refusals, 0.1 ms each, are not in the OK percentiles");
        assertEquals(0.1, stats.koLatency().p50(), 0.01);
        assertEquals(1100, stats.count());
        recorder.record("SMTP EHLO", 1_000, Outcome.ok("250"));
        assertNull(recorder.requestStats().get("SMTP EHLO").koLatency(), "no KO, no KO latencies");
    }
}
