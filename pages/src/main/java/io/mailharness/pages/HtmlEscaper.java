package io.mailharness.pages;

/**
 * Makes text safe to place in an HTML (or inline SVG) page: as element content, as a quoted attribute
 * value, or as preformatted text in which CR, LF and other control characters stay visible.
 */
public final class HtmlEscaper {
    private HtmlEscaper() {}

    /** Escapes {@code & < > " '}; safe both as element content and inside a double- or single-quoted attribute. */
    public static String text(String raw) {
        if (raw == null) return "";
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * For a {@code <pre>} block: escapes like {@link #text}, keeps LF (and a CR LF pair) as a line break,
     * and shows a lone CR and every other control character as an escape ({@code \r}, {@code \x00}),
     * because an HTML parser would otherwise turn a lone CR into a line break or drop the character.
     */
    public static String preformatted(String raw) {
        if (raw == null) return "";
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r' && i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                out.append("\\r\n");
                i++;
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n' || c == '\t') {
                out.append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(text(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
