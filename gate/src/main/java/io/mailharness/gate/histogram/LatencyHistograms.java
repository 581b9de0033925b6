package io.mailharness.gate.histogram;

import io.mailharness.gate.input.BadInput;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;

/**
 * The run record's latency histograms: base64 of HdrHistogram's compressed encoding, values in
 * microseconds. Percentiles here are in milliseconds, like the rest of the record.
 */
public final class LatencyHistograms {
    private static final double MICROS_PER_MILLI = 1000.0;

    private LatencyHistograms() {}

    /** @param where names the record and request for the one-line error on a malformed histogram */
    public static Histogram decode(String base64, String where) {
        if (base64 == null || base64.isBlank()) throw new BadInput(where + " has no latency histogram");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new BadInput(where + " has a malformed latency histogram (not base64)");
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException | RuntimeException e) {
            // The decoder reports a foreign or truncated encoding with assorted runtime exceptions.
            throw new BadInput(where + " has a malformed latency histogram (not an HdrHistogram compressed encoding)");
        }
    }

    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The value at a percentile (0..100), in milliseconds; 0 for an empty histogram. */
    public static double percentileMillis(Histogram histogram, double percentile) {
        if (histogram.getTotalCount() == 0) return 0;
        return histogram.getValueAtPercentile(percentile) / MICROS_PER_MILLI;
    }

    public static double millis(long micros) {
        return micros / MICROS_PER_MILLI;
    }
}
