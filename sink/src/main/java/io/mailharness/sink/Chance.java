package io.mailharness.sink;

import io.mailharness.settings.SettingsException;

import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How often a fault happens: always, or a percentage of the times its stage is reached. */
public record Chance(double percent) {
    public static final Chance ALWAYS = new Chance(100);
    private static final Pattern SUFFIX = Pattern.compile("@\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%\\s*$");

    public Chance {
        if (!(percent > 0 && percent <= 100)) throw new IllegalArgumentException("a chance is a percentage in (0, 100], not " + percent);
    }

    public boolean happens(RandomGenerator random) {
        return percent >= 100 || random.nextDouble() * 100 < percent;
    }

    @Override
    public String toString() {
        return percent >= 100 ? "" : "@" + (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent)) + "%";
    }

    /** An option value split into its main part and the chance of an optional {@code @N%} suffix. */
    record Split(String value, Chance chance) {}

    static Split split(String text, String option) {
        Matcher m = SUFFIX.matcher(text);
        if (!m.find()) return new Split(text, ALWAYS);
        double percent = Double.parseDouble(m.group(1));
        if (!(percent > 0 && percent <= 100)) throw new SettingsException(option, "chance " + m.group(1) + "% is not in (0, 100]");
        return new Split(text.substring(0, m.start()), new Chance(percent));
    }
}
