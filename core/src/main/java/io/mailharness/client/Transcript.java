package io.mailharness.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The exchange on one connection, as the client sent and the server answered it, with CR and LF
 * made visible. Callers record credentials only through {@link CredentialMask}, so a transcript is safe
 * to print and store.
 */
public final class Transcript {
    /** Who sent a piece of the exchange. */
    public enum Direction { CLIENT, SERVER, NOTE }

    public record Entry(Direction direction, String text) {
        public String render() {
            String prefix = switch (direction) {
                case CLIENT -> "C: ";
                case SERVER -> "S: ";
                case NOTE -> "-- ";
            };
            return prefix + (direction == Direction.NOTE ? text : visible(text));
        }
    }

    /** Bounds memory for long sessions and load runs: older entries beyond this are dropped and counted. */
    private static final int MAX_ENTRIES = 2_000;
    private static final int MAX_ENTRY_CHARS = 1_000;
    /**
     * Bounds a whole transcript too: a server's megabyte reply of short lines would otherwise fill every report
     * that keeps the transcript (a page, the result file, the JUnit XML) once per check.
     */
    static final int MAX_CHARS = 64 * 1024;

    private final List<Entry> entries = new ArrayList<>();
    private int dropped;
    private int chars;

    public synchronized void client(String text) {
        add(new Entry(Direction.CLIENT, text));
    }

    public synchronized void server(String text) {
        add(new Entry(Direction.SERVER, text));
    }

    public synchronized void note(String text) {
        add(new Entry(Direction.NOTE, text));
    }

    private void add(Entry entry) {
        // masked before it is cut, so that a secret across the cut cannot leave its first half behind
        if (entry.direction() == Direction.SERVER) entry = new Entry(entry.direction(), EchoedSecrets.masked(entry.text()));
        String text = entry.text();
        if (text.length() > MAX_ENTRY_CHARS) {
            entry = new Entry(entry.direction(), text.substring(0, MAX_ENTRY_CHARS) + "…(" + (text.length() - MAX_ENTRY_CHARS) + " more chars)");
        }
        while (!entries.isEmpty() && (entries.size() >= MAX_ENTRIES || chars + entry.text().length() > MAX_CHARS)) {
            chars -= entries.remove(0).text().length();
            dropped++;
        }
        entries.add(entry);
        chars += entry.text().length();
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** One line per entry, e.g. {@code C: EHLO client.example\r\n}; the newest entries, within the bounds. */
    public synchronized String render() {
        StringBuilder out = new StringBuilder();
        if (dropped > 0) out.append("-- (").append(dropped).append(" earlier entries not kept)\n");
        for (Entry e : entries) out.append(e.render()).append('\n');
        return out.toString();
    }

    /**
     * Shows control characters as escapes so that a bare LF or a NUL is visible in a report. Server text arrives as
     * octets, one char each (ISO-8859-1): a run of octets above 127 that is well-formed UTF-8 is shown as the
     * characters it encodes, so "ü" sent as UTF-8 does not read "Ã¼"; any other such octet stays one Latin-1 char.
     * Characters that could move or hide text in a report (C1 controls, bidi and other format characters, line and
     * paragraph separators) are escaped either way, and the credentials the harness was given are masked
     * ({@link EchoedSecrets}).
     */
    public static String visible(String octets) {
        String text = EchoedSecrets.masked(octets); // a server that echoes a password must not show it
        StringBuilder out = new StringBuilder(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int utf8 = c >= 0xc2 && c <= 0xf4 ? Utf8Run.length(text, i) : 0;
            if (utf8 > 0) {
                int cp = Utf8Run.codePoint(text, i, utf8);
                if (hidesText(cp)) out.append(String.format("\\u{%04x}", cp));
                else out.appendCodePoint(cp);
                i += utf8;
                continue;
            }
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    // C0, DEL, C1 (the 8-bit CSI), and the soft hyphen, which hides itself
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0xad) out.append(String.format("\\x%02x", (int) c));
                    else if (c > 0xff) {
                        int cp = text.codePointAt(i); // text that is characters already: one code point, maybe two chars
                        if (hidesText(cp)) out.append(String.format("\\u{%04x}", cp));
                        else out.appendCodePoint(cp);
                        i += Character.charCount(cp);
                        continue;
                    }
                    else out.append(c);
                }
            }
            i++;
        }
        return out.toString();
    }

    private static boolean hidesText(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.UNASSIGNED, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return render();
    }
}
