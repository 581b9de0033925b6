package io.mailharness.pages;

/**
 * Text for a {@code <pre>} block (a transcript, an expected or actual reply): LF, and a CR LF pair, stay
 * a line break (the CR shown as {@code \r}); a lone CR and every other control character but tab are
 * shown as an escape ({@code \r}, {@code \x00}), because an HTML parser would turn a lone CR into a line
 * break or drop the character. Transcripts already arrive with CR and LF made visible; this keeps a raw
 * one that slipped through visible too. The template escapes the markup.
 */
public final class Preformatted {
    private Preformatted() {}

    public static String of(String raw) {
        if (raw == null) return "";
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r' && i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                out.append("\\r\n");
                i++;
            } else if (c == '\n' || c == '\t') {
                out.append(c);
            } else {
                appendVisible(out, c);
            }
        }
        return out.toString();
    }

    /** The same text on one line, for a table cell: every control character, LF and tab too, as an escape. */
    public static String inline(String raw) {
        if (raw == null) return "";
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) appendVisible(out, raw.charAt(i));
        return out.toString();
    }

    private static void appendVisible(StringBuilder out, char c) {
        if (c == '\r') out.append("\\r");
        else if (c == '\n') out.append("\\n");
        else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) out.append(String.format("\\x%02x", (int) c));
        else out.append(c);
    }
}
