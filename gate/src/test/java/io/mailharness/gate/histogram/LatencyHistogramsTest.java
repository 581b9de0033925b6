package io.mailharness.gate.histogram;

import io.mailharness.gate.input.BadInput;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyHistogramsTest {

    @Test
    void decodesWhatTheLoadEngineEncodes() {
        // The load engine records into ConcurrentHistogram(1, one hour in µs, 3) and encodes a copy.
        Histogram recorded = new ConcurrentHistogram(1, 3_600_000_000L, 3);
        for (long micros = 100; micros < 2_000_000; micros += 997) recorded.recordValue(micros);
        Histogram decoded = LatencyHistograms.decode(LatencyHistograms.encode(recorded.copy()), "test");
        assertEquals(recorded.getTotalCount(), decoded.getTotalCount());
        assertEquals(recorded.getValueAtPercentile(99), decoded.getValueAtPercentile(99));
        assertEquals(recorded.getValueAtPercentile(99) / 1000.0, LatencyHistograms.percentileMillis(decoded, 99));
    }

    @Test
    void malformedInputIsOneLineOfBadInput() {
        BadInput notBase64 = assertThrows(BadInput.class, () -> LatencyHistograms.decode("%%%", "request 'x'"));
        assertEquals("request 'x' has a malformed latency histogram (not base64)", notBase64.getMessage());
        assertThrows(BadInput.class, () -> LatencyHistograms.decode("AAAA", "request 'x'"));
        assertThrows(BadInput.class, () -> LatencyHistograms.decode("", "request 'x'"));
    }

    @Test
    void theCurveStopsAtTheTailTheSampleCountSupports() {
        Histogram histogram = new Histogram(60_000_000L, 3);
        for (int i = 1; i <= 1_000; i++) histogram.recordValue(i * 1_000L);
        List<PercentileCurve.Point> curve = PercentileCurve.of(histogram);
        assertEquals(0, curve.getFirst().nines());
        assertEquals(3.0, curve.getLast().nines(), 1e-9, "1000 samples: up to p99.9");
        assertTrue(curve.getLast().millis() >= curve.getFirst().millis());
        assertEquals(List.of(), PercentileCurve.of(new Histogram(3)));
    }
}
