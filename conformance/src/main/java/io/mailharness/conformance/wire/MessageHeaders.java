package io.mailharness.conformance.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    /** The header fields of a message, each unfolded onto one line, in order. */
    public static List<String> fields(byte[] message) {
        List<String> fields = new ArrayList<>();
        for (String line : new String(message, StandardCharsets.ISO_8859_1).split("\r\n", -1)) {
            if (line.isEmpty()) break;
            if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + " " + line.strip());
            } else {
                fields.add(line);
            }
        }
        return fields;
    }

    /** True when the (unfolded) field has this name, in any case. */
    public static boolean hasName(String field, String name) {
        return field.regionMatches(true, 0, name + ":", 0, name.length() + 1);
    }

    /** The body: the octets after the first empty line (all of them when there is none). */
    public static byte[] body(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return java.util.Arrays.copyOfRange(message, i + 4, message.length);
            }
        }
        return message.clone();
    }
}
