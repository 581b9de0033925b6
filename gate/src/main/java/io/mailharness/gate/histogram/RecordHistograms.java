package io.mailharness.gate.histogram;

import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes every request name's histogram of a run record, up front, so a malformed one is one clear error. */
public final class RecordHistograms {
    private RecordHistograms() {}

    /** Request names without a histogram are left out (a report can still show their summary figures). */
    public static Map<String, Histogram> present(RunRecord record, String recordName) {
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (Map.Entry<String, RequestStats> entry : record.requests().entrySet()) {
            String encoded = entry.getValue() == null ? null : entry.getValue().histogram();
            if (encoded == null || encoded.isBlank()) continue;
            histograms.put(entry.getKey(), LatencyHistograms.decode(encoded, where(recordName, entry.getKey())));
        }
        return histograms;
    }

    public static String where(String recordName, String request) {
        return "run record " + recordName + ": request '" + request + "'";
    }
}
