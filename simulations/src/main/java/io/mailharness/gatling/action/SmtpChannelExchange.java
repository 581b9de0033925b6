package io.mailharness.gatling.action;

import io.mailharness.gatling.action.MailAction.Exchange;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.gatling.client.ConnectionRegistry;
import io.mailharness.gatling.client.SmtpChannelConnection;
import io.mailharness.gatling.netty.SmtpChannel;
import io.mailharness.gatling.netty.SmtpHandshake;
import io.mailharness.gatling.netty.SmtpStep;
import io.mailharness.gatling.protocol.MailComponents;
import io.netty.util.concurrent.Future;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The SMTP stages shared by the SMTP actions of the Netty engine, on the user's event loop, each step logged as
 * request {@code "<prefix> <stage>"} as the blocking engine's {@link SmtpExchange} names and judges them: opening a
 * session (connect+greeting, EHLO, STARTTLS and EHLO again, AUTH), RSET, NOOP and QUIT. Each ends by running the
 * continuation it was given, whatever happened.
 */
final class SmtpChannelExchange {
    private final StageRequests<SmtpStage> requests;
    private final MailComponents components;
    private final SmtpExpectations expectations;
    private final MailAction action;

    SmtpChannelExchange(String prefix, MailComponents components, SmtpExpectations expectations, MailAction action) {
        this.requests = new StageRequests<>(prefix, SmtpStage.class, SmtpStage::label);
        this.components = components;
        this.expectations = expectations;
        this.action = action;
    }

    boolean ok(SmtpStage stage, io.mailharness.client.SmtpReply reply) {
        return expectations.of(stage).matches(reply);
    }

    /**
     * Logs a step as its stage's request, judged by the stage's expectation (a failure by its class), timed by the
     * step's own clock; true when the reply was the one expected (a failure never is).
     */
    boolean log(Exchange x, SmtpStep step) {
        Outcome outcome = step.failed() ? Outcome.of(step.failure()) : expectations.of(step.stage()).judge(step.reply());
        x.log(requests.of(step.stage()), step, outcome, components.protocol().stageRequests());
        return outcome.ok();
    }

    /**
     * The user's open session, or a new one through the handshake, given to {@code then}; null when the handshake
     * failed (KOs logged). As in the blocking engine, an attempt that did not end in a usable session makes the user's
     * next attempt wait out the reconnection back-off: scheduled on the event loop, never slept on it.
     */
    void connection(Exchange x, Consumer<SmtpChannelConnection> then) {
        long user = x.session().userId();
        ConnectionRegistry registry = components.run().connections();
        SmtpChannelConnection c = registry.smtpChannel(user);
        if (c != null && c.isOpen()) {
            then.accept(c);
            return;
        }
        if (c != null) registry.closeSmtp(user);
        Duration wait = ConnectAttempts.delay(components, user);
        if (wait.isZero()) {
            open(x, then);
        } else {
            x.session().eventLoop().schedule(() -> action.guard(x, () -> open(x, then)), wait.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void open(Exchange x, Consumer<SmtpChannelConnection> then) {
        long user = x.session().userId();
        ConnectionRegistry registry = components.run().connections();
        SmtpChannelConnection c = new SmtpChannelConnection(new SmtpChannel(components.clientConfig(), x.session().eventLoop(), components.smtpTarget()));
        registry.put(user, c); // from the attempt on, so the end of the run closes it
        SmtpHandshake.open(c.channel(), step -> log(x, step)).addListener(opened -> action.guard(x, () -> {
            if (opened.isSuccess()) {
                ConnectAttempts.succeeded(components, user);
                then.accept(c);
            } else {
                ConnectAttempts.failed(components, user);
                registry.forget(user, c); // the handshake ends the session itself (QUIT after a refusal)
                then.accept(null);
            }
        }));
    }

    /** RSET after a refused transaction; a connection that cannot even do that is closed. */
    void rset(Exchange x, SmtpChannelConnection c, Runnable then) {
        after(x, c.channel().rset(), step -> step.failed() || step.reply().code() == 421 || !ok(SmtpStage.RSET, step.reply()), then);
    }

    /** NOOP, timed; a connection that does not answer, or answers 421, is closed. */
    void noop(Exchange x, SmtpChannelConnection c, Runnable then) {
        after(x, c.channel().noop(), step -> step.failed() || step.reply().code() == 421, then);
    }

    /** QUIT, timed, then the connection is closed whatever the reply. */
    void quit(Exchange x, SmtpChannelConnection c, Runnable then) {
        after(x, c.channel().quit(), step -> true, then);
    }

    /** Logs the step when it ends, closes the connection when {@code close} says so, then goes on. */
    private void after(Exchange x, Future<SmtpStep> step, java.util.function.Predicate<SmtpStep> close, Runnable then) {
        long user = x.session().userId();
        step.addListener(f -> action.guard(x, () -> {
            if (!f.isSuccess()) {
                components.run().connections().closeSmtp(user);
                throw new IllegalStateException(f.cause());
            }
            SmtpStep s = (SmtpStep) f.getNow();
            log(x, s);
            if (close.test(s)) components.run().connections().closeSmtp(user);
            then.run();
        }));
    }
}
