package io.mailharness.conformance.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Text to wire octets one char per octet (ISO-8859-1, so no octet is lost or added), and joining octets. */
public final class Octets {
    private Octets() {}

    /** The text as octets, one per char. */
    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The octets as text, one char per octet. */
    public static String text(byte[] octets) {
        return new String(octets, StandardCharsets.ISO_8859_1);
    }

    /** The parts one after the other. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }

    /** Where {@code needle} first occurs in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, String needle) {
        byte[] n = ascii(needle);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) if (haystack[i + j] != n[j]) continue outer;
            return i;
        }
        return -1;
    }
}
