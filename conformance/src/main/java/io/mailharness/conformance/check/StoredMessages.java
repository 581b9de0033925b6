package io.mailharness.conformance.check;

import io.mailharness.client.Transcript;

import java.nio.charset.StandardCharsets;

/** Compares what a check sent with what a maildrop holds, and says where they part. */
public final class StoredMessages {
    private StoredMessages() {}

    /** True when {@code stored} ends with {@code sent} and everything before it is header lines (trace fields). */
    public static boolean holdsAfterTraceFields(byte[] stored, byte[] sent) {
        int offset = stored.length - sent.length;
        if (offset < 0) return false;
        for (int i = 0; i < sent.length; i++) if (stored[offset + i] != sent[i]) return false;
        return onlyHeaderLines(stored, offset);
    }

    /** The octets before the sent message are complete header lines (trace fields), or nothing. */
    static boolean onlyHeaderLines(byte[] stored, int length) {
        String prefix = new String(stored, 0, length, StandardCharsets.ISO_8859_1);
        if (prefix.isEmpty()) return true;
        if (!prefix.endsWith("\r\n")) return false;
        for (String line : prefix.split("\r\n")) {
            if (line.isEmpty()) return false;
            boolean folded = line.startsWith(" ") || line.startsWith("\t");
            if (!folded && !line.matches("[\\x21-\\x39\\x3B-\\x7E]+:.*")) return false;
        }
        return true;
    }

    /** Where the sent message starts in the stored one, and the first octet that differs from there. */
    public static String difference(byte[] stored, byte[] sent) {
        int probe = Math.min(sent.length, 40);
        int start = -1;
        for (int i = 0; start < 0 && i + probe <= stored.length; i++) {
            boolean match = true;
            for (int j = 0; match && j < probe; j++) match = stored[i + j] == sent[j];
            if (match) start = i;
        }
        if (start < 0) return "the start of the sent message is not in it";
        for (int i = 0; i < sent.length; i++) {
            if (start + i >= stored.length) return "it ends after " + i + " of the " + sent.length + " sent octets, before '" + around(sent, i) + "'";
            if (stored[start + i] != sent[i]) return "octet " + i + " differs: sent '" + around(sent, i) + "', stored '" + around(stored, start + i) + "'";
        }
        return (stored.length - start - sent.length) + " octets follow the sent message";
    }

    /** A CR not followed by LF, or an LF not preceded by CR. */
    public static boolean hasBareLineEnd(byte[] octets) {
        for (int i = 0; i < octets.length; i++) {
            if (octets[i] == '\r' && (i + 1 >= octets.length || octets[i + 1] != '\n')) return true;
            if (octets[i] == '\n' && (i == 0 || octets[i - 1] != '\r')) return true;
        }
        return false;
    }

    private static String around(byte[] octets, int at) {
        int from = Math.max(0, at - 12);
        int to = Math.min(octets.length, at + 12);
        return Transcript.visible(new String(octets, from, to - from, StandardCharsets.ISO_8859_1));
    }
}
