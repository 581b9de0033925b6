package io.mailharness.gate.compare;

import java.util.Locale;

/** Number formatting shared by every compare output, so the console, Markdown and HTML agree. */
final class Numbers {
    private Numbers() {}

    /** Up to three significant decimals, no trailing zeros; "n/a" for an unknown value. */
    static String format(double value) {
        if (Double.isNaN(value)) return "n/a";
        if (Double.isInfinite(value)) return value > 0 ? "∞" : "-∞";
        double magnitude = Math.abs(value);
        String text = magnitude >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : magnitude >= 10 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value);
        if (text.contains(".")) text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        return text.equals("-0") ? "0" : text;
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    static String signed(double value) {
        if (Double.isNaN(value)) return "n/a";
        return (value > 0 ? "+" : "") + format(value);
    }
}
