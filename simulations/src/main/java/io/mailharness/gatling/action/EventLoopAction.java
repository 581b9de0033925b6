package io.mailharness.gatling.action;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/**
 * An action of the Netty engine: each user's pass starts on the user's own event loop (coming back to it from the
 * throttler's thread) and runs in callbacks there, each wrapped by {@link #guard}; it ends with {@link #proceed}.
 * No thread of its own, nothing blocks.
 */
abstract class EventLoopAction extends MailAction {

    EventLoopAction(String name, ScenarioContext ctx, Action next) {
        super(name, ctx, next);
    }

    @Override
    protected final void dispatch(Session session) {
        if (!session.eventLoop().inEventLoop()) { // from the throttler: back onto the user's loop
            session.eventLoop().execute(() -> dispatch(session));
            return;
        }
        Exchange x = new Exchange(session);
        guard(x, () -> start(x));
    }

    /** Starts the user's pass, on its event loop; whatever path ends it calls {@link #proceed}. */
    protected abstract void start(Exchange x);

    @Override
    protected final void perform(Exchange exchange) {
        throw new UnsupportedOperationException("the Netty engine runs on the event loop");
    }
}
