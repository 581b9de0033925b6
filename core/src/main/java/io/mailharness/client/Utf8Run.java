package io.mailharness.client;

/**
 * One UTF-8 sequence (RFC 3629 §4) in text that holds octets as chars (ISO-8859-1): its length where it is well
 * formed (no overlong form, no surrogate, nothing above U+10FFFF), and the code point it encodes.
 */
final class Utf8Run {
    private Utf8Run() {}

    /** The length (2 to 4) of the well-formed UTF-8 sequence starting at {@code at}, or 0 if there is none. */
    static int length(String octets, int at) {
        int lead = octets.charAt(at);
        int length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
        if (length == 0 || at + length > octets.length()) return 0;
        for (int k = 1; k < length; k++) {
            int next = octets.charAt(at + k);
            if (next < 0x80 || next > 0xbf) return 0;
        }
        int second = octets.charAt(at + 1);
        // RFC 3629 §4: the second octet's range narrows after E0 (no overlong), ED (no surrogates), F0 and F4.
        if (lead == 0xe0 && second < 0xa0 || lead == 0xed && second > 0x9f || lead == 0xf0 && second < 0x90 || lead == 0xf4 && second > 0x8f) return 0;
        return length;
    }

    /** The code point of the well-formed sequence of {@code length} octets at {@code at}. */
    static int codePoint(String octets, int at, int length) {
        int lead = octets.charAt(at);
        int cp = length == 2 ? lead & 0x1f : length == 3 ? lead & 0x0f : lead & 0x07;
        for (int k = 1; k < length; k++) cp = cp << 6 | octets.charAt(at + k) & 0x3f;
        return cp;
    }
}
