package io.mailharness.sink;

import io.mailharness.settings.SettingsException;

/**
 * A dropped connection: at its stage (after the stage's delay, if any) the sink closes the connection without a
 * reply. Option syntax: {@code STAGE[@PERCENT%]}, e.g. {@code data}, {@code rcpt@10%}; {@code greeting} closes
 * each connection as soon as it is accepted.
 */
public record StageDisconnect(Stage stage, Chance chance) {
    public static final String OPTION = "disconnect";

    public static StageDisconnect parse(String text) {
        Chance.Split split = Chance.split(text, OPTION);
        if (split.value().isBlank()) throw new SettingsException(OPTION, "no stage given, e.g. data or rcpt@10%");
        return new StageDisconnect(Stage.named(split.value(), OPTION), split.chance());
    }

    @Override
    public String toString() {
        return stage.optionName() + chance;
    }
}
