package io.mailharness.sink;

import io.mailharness.settings.SettingsException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A point of the SMTP dialogue where the sink replies, and so where a delay, a fault reply or a disconnect can
 * be set. {@link #DATA} is the 354 reply to the DATA command; {@link #END_OF_DATA} is the reply after the
 * message's final "." line.
 */
public enum Stage {
    GREETING("greeting"),
    EHLO("ehlo"),
    HELO("helo"),
    MAIL("mail"),
    RCPT("rcpt"),
    DATA("data"),
    END_OF_DATA("end-of-data"),
    BDAT("bdat"),
    RSET("rset"),
    NOOP("noop"),
    QUIT("quit");

    private final String optionName;

    Stage(String optionName) {
        this.optionName = optionName;
    }

    /** The name used in option values, e.g. {@code rcpt} in {@code rcpt=200ms}. */
    public String optionName() {
        return optionName;
    }

    /** The stage of an option value's name, case-insensitively; an unknown name is a one-line error. */
    public static Stage named(String name, String option) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Stage stage : values()) {
            if (stage.optionName.equals(wanted)) return stage;
        }
        throw new SettingsException(option, "unknown stage '" + name.trim() + "' (one of " + names() + ")");
    }

    public static String names() {
        return Arrays.stream(values()).map(Stage::optionName).collect(Collectors.joining(", "));
    }
}
