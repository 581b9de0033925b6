package io.mailharness.gatling.netty;

import io.mailharness.client.MailProtocolException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * The steps that open a session, one after the other: each is told to the listener as it ends; a failed step, or a
 * reply the listener did not expect, ends the opening — the session is given up and the future fails with a
 * {@link MailProtocolException} naming the step ("EHLO: server replied 554 …", or the failure itself).
 */
abstract class SessionOpening<S extends Step, C> {
    private final StepListener<S> steps;
    final Promise<C> promise;

    SessionOpening(EventLoop loop, StepListener<S> steps) {
        this.steps = steps;
        this.promise = loop.newPromise();
    }

    /** The step that comes after {@code done} went as expected, or the end of the opening. */
    abstract void advance(S done);

    /** Gives the session up; {@code refused} is the step whose reply was not the one expected, null after a failure. */
    abstract void giveUp(S refused);

    /** Waits for a step to end, tells it, and goes on or gives up. */
    final void then(Future<S> step) {
        step.addListener(f -> {
            if (!f.isSuccess()) { // a mistake of ours, not the server's
                end(null, f.cause());
                return;
            }
            @SuppressWarnings("unchecked")
            S s = (S) f.getNow();
            try {
                boolean expected = steps.step(s);
                if (s.failed()) end(null, s.failure());
                else if (!expected) end(s, new MailProtocolException(s.label(), "server replied " + io.mailharness.client.Transcript.visible(s.replyLine()), null));
                else advance(s);
            } catch (RuntimeException e) {
                end(null, e);
            }
        });
    }

    private void end(S refused, Throwable why) {
        giveUp(refused);
        promise.tryFailure(why);
    }
}
