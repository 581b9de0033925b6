package io.mailharness.sink;

import io.mailharness.settings.SettingsException;

/**
 * A fault reply: at its stage the sink answers this 4xx or 5xx reply instead of its own, and the command has no
 * effect (a refused RCPT adds no recipient, a refused DATA starts no message). A 421 also closes the connection.
 * Option syntax: {@code STAGE=CODE[ TEXT][@PERCENT%]}, e.g. {@code rcpt=450}, {@code end-of-data=554 5.7.1 Spam},
 * {@code mail=421@5%}. Without a text the reply reads {@code CODE X.0.0 Fault set for STAGE}.
 */
public record StageReply(Stage stage, int code, String text, Chance chance) {
    public static final String OPTION = "reply";

    public StageReply {
        if (code < 400 || code > 599) throw new SettingsException(OPTION, "reply code " + code + " is not a 4xx or 5xx code");
        if (text.isBlank()) text = (code / 100) + ".0.0 Fault set for " + stage.optionName();
        if (text.chars().anyMatch(c -> c == '\r' || c == '\n')) throw new SettingsException(OPTION, "the reply text cannot hold a line end");
    }

    public static StageReply parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) throw new SettingsException(OPTION, "'" + text + "' is not STAGE=CODE, e.g. rcpt=450");
        Stage stage = Stage.named(text.substring(0, eq), OPTION);
        Chance.Split split = Chance.split(text.substring(eq + 1), OPTION);
        String value = split.value().trim();
        String digits = value.length() >= 3 ? value.substring(0, 3) : value;
        if (!digits.chars().allMatch(Character::isDigit) || digits.length() != 3 || (value.length() > 3 && value.charAt(3) != ' ')) {
            throw new SettingsException(OPTION, "'" + value + "' does not start with a three-digit reply code, e.g. 450");
        }
        return new StageReply(stage, Integer.parseInt(digits), value.substring(3).trim(), split.chance());
    }

    /** The reply line as sent, without its line end. */
    public String line() {
        return code + " " + text;
    }

    @Override
    public String toString() {
        return stage.optionName() + "=" + line() + chance;
    }
}
