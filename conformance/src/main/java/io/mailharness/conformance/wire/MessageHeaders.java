package io.mailharness.conformance.wire;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads header fields (RFC 5322 §2.2) out of stored message octets, unfolding continuation lines. */
public final class MessageHeaders {
    private MessageHeaders() {}

    /** The first field with this name, unfolded, without the name and colon; null when there is none. */
    public static String headerField(byte[] message, String name) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        String wanted = name.toLowerCase(Locale.ROOT) + ":";
        String[] lines = text.split("\r\n", -1);
        for (int i = 0; i < lines.length && !lines[i].isEmpty(); i++) {
            if (!lines[i].toLowerCase(Locale.ROOT).startsWith(wanted)) continue;
            StringBuilder value = new StringBuilder(lines[i].substring(wanted.length()));
            for (int j = i + 1; j < lines.length && (lines[j].startsWith(" ") || lines[j].startsWith("\t")); j++) {
                value.append(' ').append(lines[j].strip());
            }
            return value.toString().strip();
        }
        return null;
    }
}
