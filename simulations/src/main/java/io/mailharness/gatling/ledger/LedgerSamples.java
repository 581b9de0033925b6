package io.mailharness.gatling.ledger;

import io.mailharness.files.AtomicFiles;
import io.mailharness.message.MessageComparison;
import io.mailharness.record.DeliveryCheck;
import io.mailharness.record.DeliveryClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Samples of the retrieved messages that were not intact, up to {@value DeliveryCheck#SAMPLES_KEPT} of each
 * class, to be written beside the run record: the octets as sent, the octets as retrieved, and a short diff,
 * so that what a server does to messages can be read, not guessed. Each sample is cut at 1 MiB.
 */
public final class LedgerSamples {
    private static final int MAX_OCTETS = 1024 * 1024;

    private record Sample(String key, MessageComparison comparison, byte[] sent, byte[] retrieved) {}

    private final Map<DeliveryClass, List<Sample>> kept = new EnumMap<>(DeliveryClass.class);
    private final Map<DeliveryClass, Long> leftOut = new EnumMap<>(DeliveryClass.class);

    /** Keeps this delivery as a sample of its class, unless the class has its samples already (then it is counted). */
    public synchronized void offer(String key, MessageComparison comparison, byte[] sent, byte[] retrieved) {
        DeliveryClass c = comparison.deliveryClass();
        if (c == DeliveryClass.INTACT) return;
        List<Sample> samples = kept.computeIfAbsent(c, k -> new ArrayList<>());
        if (samples.size() >= DeliveryCheck.SAMPLES_KEPT) {
            leftOut.merge(c, 1L, Long::sum);
            return;
        }
        samples.add(new Sample(key, comparison, cut(sent), cut(retrieved)));
    }

    /** Per class label, the deliveries of that class beyond the samples kept. */
    public synchronized Map<String, Long> leftOut() {
        Map<String, Long> out = new TreeMap<>();
        leftOut.forEach((c, n) -> out.put(c.label(), n));
        return out;
    }

    /**
     * Writes the samples into {@code runFolder}/{@value DeliveryCheck#SAMPLES_FOLDER}/&lt;class&gt;/: per
     * delivery {@code <id>.sent.eml}, {@code <id>.retrieved.eml} and {@code <id>.diff.txt}. Returns the
     * folder's name relative to the run folder, or empty when there was nothing to write.
     */
    public synchronized Optional<String> write(Path runFolder) throws IOException {
        if (kept.isEmpty()) return Optional.empty();
        Path root = runFolder.resolve(DeliveryCheck.SAMPLES_FOLDER);
        for (Map.Entry<DeliveryClass, List<Sample>> entry : kept.entrySet()) {
            Path folder = Files.createDirectories(root.resolve(entry.getKey().label()));
            for (Sample s : entry.getValue()) {
                String name = s.key().replaceAll("[^A-Za-z0-9._-]", "_");
                AtomicFiles.write(folder.resolve(name + ".sent.eml"), s.sent());
                AtomicFiles.write(folder.resolve(name + ".retrieved.eml"), s.retrieved());
                String diff = s.key() + ": " + entry.getKey().label() + ": " + s.comparison().detail() + "\n"
                        + MessageComparison.diff(s.sent(), s.retrieved());
                AtomicFiles.write(folder.resolve(name + ".diff.txt"), diff.getBytes(StandardCharsets.UTF_8));
            }
        }
        return Optional.of(DeliveryCheck.SAMPLES_FOLDER);
    }

    private static byte[] cut(byte[] octets) {
        return octets.length <= MAX_OCTETS ? octets : Arrays.copyOf(octets, MAX_OCTETS);
    }
}
