package io.mailharness.gatling.action;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.gatling.MailEngine;
import io.mailharness.gatling.client.SmtpChannelConnection;
import io.mailharness.gatling.client.SmtpConnection;

/**
 * {@code smtp(prefix).rset()}, {@code noop()} and {@code quit()} on the user's open SMTP session; without an
 * open session they do nothing (nothing to reset, keep alive or end). QUIT closes the connection whatever
 * the reply. {@code smtp(prefix).connect()} opens the session (connect+greeting, EHLO, STARTTLS, AUTH as
 * the target asks) if the user has none, and keeps it open for the actions that follow.
 */
public final class SmtpCommandActionBuilder implements ActionBuilder {
    private final String prefix;
    private final SmtpStage stage;

    SmtpCommandActionBuilder(String prefix, SmtpStage stage) {
        if (stage != SmtpStage.RSET && stage != SmtpStage.QUIT && stage != SmtpStage.NOOP && stage != SmtpStage.CONNECT) {
            throw new IllegalArgumentException("only connect, RSET, NOOP and QUIT stand alone");
        }
        this.prefix = prefix;
        this.stage = stage;
    }

    public static SmtpCommandActionBuilder rset(String prefix) {
        return new SmtpCommandActionBuilder(prefix, SmtpStage.RSET);
    }

    public static SmtpCommandActionBuilder quit(String prefix) {
        return new SmtpCommandActionBuilder(prefix, SmtpStage.QUIT);
    }

    public static SmtpCommandActionBuilder noop(String prefix) {
        return new SmtpCommandActionBuilder(prefix, SmtpStage.NOOP);
    }

    public static SmtpCommandActionBuilder connect(String prefix) {
        return new SmtpCommandActionBuilder(prefix, SmtpStage.CONNECT);
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> MailAction.engine(ctx) == MailEngine.NETTY ? new ChannelCommand(ctx, next) : new Command(ctx, next);
    }

    /** The same command on the Netty engine, on the user's event loop. */
    private final class ChannelCommand extends EventLoopAction {
        private final SmtpChannelExchange smtp;

        ChannelCommand(ScenarioContext ctx, Action next) {
            super("smtp" + stage.label() + "-" + prefix, ctx, next);
            this.smtp = new SmtpChannelExchange(prefix, components, SmtpExpectations.defaults(), this);
        }

        @Override
        protected void start(Exchange x) {
            if (stage == SmtpStage.CONNECT) {
                smtp.connection(x, c -> proceed(x));
                return;
            }
            SmtpChannelConnection c = run.connections().smtpChannel(x.session().userId());
            if (c == null || !c.isOpen()) {
                proceed(x);
                return;
            }
            switch (stage) {
                case QUIT -> smtp.quit(x, c, () -> proceed(x));
                case NOOP -> smtp.noop(x, c, () -> proceed(x));
                default -> smtp.rset(x, c, () -> proceed(x));
            }
        }
    }

    private final class Command extends MailAction {
        private final SmtpExchange smtp;

        Command(ScenarioContext ctx, Action next) {
            super("smtp" + stage.label() + "-" + prefix, ctx, next);
            this.smtp = new SmtpExchange(prefix, components, SmtpExpectations.defaults());
        }

        @Override
        protected void perform(Exchange x) {
            if (stage == SmtpStage.CONNECT) {
                try {
                    smtp.connection(x);
                } catch (MailAction.StageFailed e) {
                    // logged as a KO; the user has no session
                }
                return;
            }
            SmtpConnection c = run.connections().smtp(x.session().userId());
            if (c == null || !c.isOpen()) return;
            switch (stage) {
                case QUIT -> smtp.quit(x, c);
                case NOOP -> smtp.noop(x, c);
                default -> smtp.rset(x, c);
            }
        }
    }
}
