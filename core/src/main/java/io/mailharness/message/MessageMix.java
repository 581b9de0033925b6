package io.mailharness.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How big load messages are and which carry an attachment: weighted size bands, one drawn per message.
 * {@link #realistic()} is the default; {@link #parse(String)} reads {@code realistic}, {@code fixed:SIZE}
 * or {@code uniform:MIN-MAX} (sizes like {@code 1024}, {@code 4k}, {@code 2m}).
 */
public record MessageMix(String name, List<Band> bands) {
    /**
     * @param weight     relative share of messages
     * @param minSize    smallest size in octets
     * @param maxSize    largest size in octets (inclusive)
     * @param attachment whether messages in this band are multipart with a base64 attachment
     */
    public record Band(double weight, int minSize, int maxSize, boolean attachment) {
        public Band {
            if (weight <= 0 || minSize < 1 || maxSize < minSize) throw new IllegalArgumentException("bad size band " + minSize + "-" + maxSize + " weight " + weight);
        }
    }

    public MessageMix {
        bands = List.copyOf(bands);
        if (bands.isEmpty()) throw new IllegalArgumentException("a message mix needs at least one size band");
    }

    /**
     * A mail-size mix after the usual published distributions (most mail a few KB of text, a tail of
     * messages with attachments up to 1 MB): median near 4 KB, mean near 30 KB.
     */
    public static MessageMix realistic() {
        return new MessageMix("realistic", List.of(
                new Band(45, 1_024, 4_096, false),
                new Band(30, 4_096, 16_384, false),
                new Band(15, 16_384, 65_536, true),
                new Band(8, 65_536, 262_144, true),
                new Band(2, 262_144, 1_048_576, true)));
    }

    public static MessageMix fixed(int size) {
        return new MessageMix("fixed:" + size, List.of(new Band(1, size, size, false)));
    }

    public static MessageMix parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("realistic") || t.isEmpty()) return realistic();
        try {
            if (t.startsWith("fixed:")) return fixed(size(t.substring(6)));
            if (t.startsWith("uniform:")) {
                String[] range = t.substring(8).split("-", 2);
                int min = size(range[0]);
                int max = size(range[1]);
                return new MessageMix(t, List.of(new Band(1, min, max, false)));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad message mix '" + text + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("unknown message mix '" + text + "' (use realistic, fixed:SIZE or uniform:MIN-MAX, e.g. fixed:1k)");
    }

    static int size(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        int factor = 1;
        if (t.endsWith("k")) { factor = 1024; t = t.substring(0, t.length() - 1); }
        else if (t.endsWith("m")) { factor = 1024 * 1024; t = t.substring(0, t.length() - 1); }
        long v = Long.parseLong(t.trim()) * factor;
        if (v < 1 || v > 64L * 1024 * 1024) throw new IllegalArgumentException("size " + s + " out of range (1 .. 64m)");
        return (int) v;
    }

    /** Draws one band and a size within it. */
    public Draw draw(Random random) {
        double total = 0;
        for (Band b : bands) total += b.weight();
        double pick = random.nextDouble() * total;
        Band chosen = bands.get(bands.size() - 1);
        for (Band b : bands) {
            if (pick < b.weight()) { chosen = b; break; }
            pick -= b.weight();
        }
        int size = chosen.minSize() + (chosen.maxSize() == chosen.minSize() ? 0 : random.nextInt(chosen.maxSize() - chosen.minSize() + 1));
        return new Draw(size, chosen.attachment());
    }

    public record Draw(int size, boolean attachment) {}

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Band b : bands) parts.add(b.minSize() + "-" + b.maxSize() + (b.attachment() ? "+att" : "") + "x" + b.weight());
        return name + parts;
    }
}
