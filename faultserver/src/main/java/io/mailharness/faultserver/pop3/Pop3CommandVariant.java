package io.mailharness.faultserver.pop3;

import java.util.function.UnaryOperator;

/** A {@link Pop3CommandFault} made from a name, a description and a replacement function. */
public record Pop3CommandVariant(String name, String description, String verb, UnaryOperator<Pop3Command> variant)
        implements Pop3CommandFault {

    @Override
    public Pop3Command replace(Pop3Command original) {
        return variant.apply(original);
    }
}
