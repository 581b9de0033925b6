package io.mailharness.faultserver.smtp;

import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

/** A {@link SmtpReplyFault} for one stage, with an optional condition on the reply and state. */
public record SmtpReplyRewrite(String name, String description, SmtpStage stage,
                               BiPredicate<SmtpReply, SmtpState> when, UnaryOperator<SmtpReply> rewrite)
        implements SmtpReplyFault {

    public SmtpReplyRewrite(String name, String description, SmtpStage stage, UnaryOperator<SmtpReply> rewrite) {
        this(name, description, stage, (reply, state) -> true, rewrite);
    }

    @Override
    public SmtpReply rewrite(SmtpStage at, SmtpReply reply, SmtpState state) {
        return at == stage && when.test(reply, state) ? rewrite.apply(reply) : reply;
    }
}
