package io.mailharness.gatling.action;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.gatling.client.SmtpConnection;

/**
 * {@code smtp(prefix).rset()} and {@code smtp(prefix).quit()} on the user's open SMTP session. Without an
 * open session they do nothing (nothing to reset or end). QUIT closes the connection whatever the reply.
 */
public final class SmtpCommandActionBuilder implements ActionBuilder {
    private final String prefix;
    private final SmtpStage stage;

    SmtpCommandActionBuilder(String prefix, SmtpStage stage) {
        if (stage != SmtpStage.RSET && stage != SmtpStage.QUIT) throw new IllegalArgumentException("only RSET and QUIT stand alone");
        this.prefix = prefix;
        this.stage = stage;
    }

    public static SmtpCommandActionBuilder rset(String prefix) {
        return new SmtpCommandActionBuilder(prefix, SmtpStage.RSET);
    }

    public static SmtpCommandActionBuilder quit(String prefix) {
        return new SmtpCommandActionBuilder(prefix, SmtpStage.QUIT);
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new Command(ctx, next);
    }

    private final class Command extends MailAction {
        private final SmtpExchange smtp;

        Command(ScenarioContext ctx, Action next) {
            super("smtp" + stage.label() + "-" + prefix, ctx, next);
            this.smtp = new SmtpExchange(prefix, components, SmtpExpectations.defaults());
        }

        @Override
        protected void perform(Exchange x) {
            SmtpConnection c = run.connections().smtp(x.session().userId());
            if (c == null || !c.isOpen()) return;
            if (stage == SmtpStage.QUIT) smtp.quit(x, c);
            else smtp.rset(x, c);
        }
    }
}
