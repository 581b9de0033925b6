package io.mailharness.faultserver.pop3;

import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

/** A {@link Pop3ReplyFault} for one stage, with an optional condition on the reply and state. */
public record Pop3ReplyRewrite(String name, String description, Pop3Stage stage,
                               BiPredicate<Pop3Reply, Pop3State> when, UnaryOperator<Pop3Reply> rewrite)
        implements Pop3ReplyFault {

    public Pop3ReplyRewrite(String name, String description, Pop3Stage stage, UnaryOperator<Pop3Reply> rewrite) {
        this(name, description, stage, (reply, state) -> true, rewrite);
    }

    @Override
    public Pop3Reply rewrite(Pop3Stage at, Pop3Reply reply, Pop3State state) {
        return at == stage && when.test(reply, state) ? rewrite.apply(reply) : reply;
    }
}
