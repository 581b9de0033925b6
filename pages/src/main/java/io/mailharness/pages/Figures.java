package io.mailharness.pages;

import java.util.Locale;

/** How the pages print numbers: as many digits as the size of the number warrants, "n/a" when there is none. */
public final class Figures {
    private Figures() {}

    /** {@code 1235}, {@code 12.3}, {@code 1.23}; whole numbers without decimals; NaN and infinities as "n/a". */
    public static String number(double v) {
        if (!Double.isFinite(v)) return "n/a";
        double a = Math.abs(v);
        String pattern = a >= 100 || v == Math.rint(v) ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, v);
    }

    /** A share of 0..1 as a whole percentage: {@code 0.8} is {@code 80 %}. */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
