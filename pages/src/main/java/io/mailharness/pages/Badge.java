package io.mailharness.pages;

import io.mailharness.result.Outcome;

import java.util.Locale;

/**
 * How an outcome looks on a page: its colour class, a glyph and a text label, so that colour is never the
 * only signal.
 *
 * @param cssClass the class that colours it ({@code o-fail})
 * @param glyph    a shape that tells it apart without colour ({@code ✗})
 * @param label    its name ({@code FAIL}, {@code NOT RUN}, {@code N/A})
 */
public record Badge(String cssClass, String glyph, String label) {
    /** A check missing from a server's result. */
    public static final Badge NOT_RUN = new Badge("o-notrun", "∅", "NOT RUN");
    /** A server that has no result at all. */
    public static final Badge UNAVAILABLE = new Badge("o-na", "·", "N/A");

    public static Badge of(Outcome outcome) {
        String glyph = switch (outcome) {
            case PASS -> "✓";
            case FAIL -> "✗";
            case WARN -> "!";
            case SKIP -> "–";
            case INFO -> "i";
        };
        return new Badge("o-" + outcome.name().toLowerCase(Locale.ROOT), glyph, outcome.name());
    }

    public static Badge of(MatrixModel.Cell cell) {
        return switch (cell.kind()) {
            case RESULT -> of(cell.outcome());
            case NOT_RUN -> NOT_RUN;
            case UNAVAILABLE -> UNAVAILABLE;
        };
    }
}
