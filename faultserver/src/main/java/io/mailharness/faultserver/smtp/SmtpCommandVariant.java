package io.mailharness.faultserver.smtp;

import java.util.function.UnaryOperator;

/** A {@link SmtpCommandFault} made from a name, a description and a replacement function. */
public record SmtpCommandVariant(String name, String description, String verb, UnaryOperator<SmtpCommand> variant)
        implements SmtpCommandFault {

    @Override
    public SmtpCommand replace(SmtpCommand original) {
        return variant.apply(original);
    }
}
