package io.mailharness.sink;

import io.mailharness.settings.SettingsException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sink waits this long before it replies at a stage, timed on the connection's event loop from the moment
 * the command (or, for the greeting, the connection) arrived. Option syntax: {@code STAGE=DURATION} with a unit,
 * e.g. {@code rcpt=200ms}, {@code greeting=2s}.
 */
public record StageDelay(Stage stage, Duration delay) {
    public static final String OPTION = "delay";
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})\\s*(ms|s)");

    public StageDelay {
        if (delay.isNegative()) throw new SettingsException(OPTION, "a delay cannot be negative");
    }

    public static StageDelay parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) throw new SettingsException(OPTION, "'" + text + "' is not STAGE=DURATION, e.g. rcpt=200ms");
        Stage stage = Stage.named(text.substring(0, eq), OPTION);
        String value = text.substring(eq + 1).trim();
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) throw new SettingsException(OPTION, "'" + value + "' is not a duration in ms or s, e.g. 200ms or 2s");
        long amount = Long.parseLong(m.group(1));
        return new StageDelay(stage, m.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount));
    }

    @Override
    public String toString() {
        return stage.optionName() + "=" + delay.toMillis() + "ms";
    }
}
