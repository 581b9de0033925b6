package io.mailharness.gatling.record;

import io.mailharness.gatling.check.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The KO messages a run record keeps: the most frequent, capped. */
class LatencyRecorderTest {
    @Test
    void theMostFrequentKoMessagesAreKeptMostFrequentFirst() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < 60; i++) {
            for (int n = 0; n <= i % 7; n++) recorder.record("SMTP RCPT", 1_000, Outcome.ko("5xx", "550", "5xx 550 user " + i));
        }
        recorder.record("SMTP MAIL", 1_000, Outcome.ok("250"));

        Map<String, Long> kept = recorder.errors(50);

        assertEquals(50, kept.size());
        assertEquals(60, recorder.errors().size(), "the recorder itself keeps every message");
        List<Long> counts = List.copyOf(kept.values());
        for (int i = 1; i < counts.size(); i++) assertEquals(true, counts.get(i - 1) >= counts.get(i), "most frequent first: " + counts);
        assertEquals(7L, counts.getFirst());
        assertEquals("SMTP RCPT: 5xx 550 user 13", kept.keySet().iterator().next(), "ties in name order");
    }
}
