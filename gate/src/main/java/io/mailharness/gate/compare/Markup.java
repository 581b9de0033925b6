package io.mailharness.gate.compare;

/** Escaping for the XML, HTML and Markdown outputs: request names are user text. */
final class Markup {
    private Markup() {}

    static String xml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    // XML 1.0 forbids most control characters even as references.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') escaped.append(c);
                }
            }
        }
        return escaped.toString();
    }

    /** A Markdown table cell: pipes and line breaks would break the table. */
    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }
}
