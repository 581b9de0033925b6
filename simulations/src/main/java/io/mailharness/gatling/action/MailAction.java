package io.mailharness.gatling.action;

import io.gatling.commons.util.Clock;
import io.gatling.core.action.Action;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.controller.throttle.Throttler;
import io.gatling.core.controller.throttle.Throttler$Command$ThrottledRequest;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.mailharness.gatling.MailEngine;
import io.mailharness.gatling.MailRun;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.protocol.MailComponents;
import io.mailharness.gatling.protocol.MailProtocolKey;
import scala.Option;
import scala.runtime.BoxedUnit;

import java.util.concurrent.RejectedExecutionException;

/**
 * The engine of every mail action: on the user's event loop it only hands the work to a virtual thread
 * (through the throttler when the simulation is throttled); there the blocking Commons Net exchange runs,
 * each stage timed and logged as its own request; whatever happens — OK, KO, exception, timeout — the
 * user then continues with the next action. Actions of the Netty engine ({@link EventLoopAction}) override
 * {@link #dispatch} and run their exchange on the user's event loop instead, in callbacks wrapped by {@link #guard}.
 */
public abstract class MailAction extends JavaExitableAction {
    private final String name;
    private final Action next;
    protected final StatsEngine statsEngine;
    protected final Clock clock;
    protected final MailComponents components;
    protected final MailRun run;
    private final Option<ActorRef<Throttler.Command>> throttler;

    protected MailAction(String name, ScenarioContext ctx, Action next) {
        this.name = name;
        this.next = next;
        this.statsEngine = ctx.coreComponents().statsEngine();
        this.clock = ctx.coreComponents().clock();
        this.components = ctx.protocolComponentsRegistry().components(MailProtocolKey.KEY);
        this.run = components.run();
        this.throttler = ctx.throttled() ? ctx.coreComponents().throttler() : Option.empty();
    }

    /** The engine the scenario's mail protocol runs on. */
    static MailEngine engine(ScenarioContext ctx) {
        MailComponents components = ctx.protocolComponentsRegistry().components(MailProtocolKey.KEY);
        return components.engine();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Action next() {
        return next;
    }

    @Override
    public StatsEngine statsEngine() {
        return statsEngine;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** On the event loop: never blocks. */
    @Override
    public void execute(Session session) {
        if (throttler.isDefined()) {
            throttler.get().$bang(new Throttler$Command$ThrottledRequest(session.scenario(), () -> {
                dispatch(session);
                return BoxedUnit.UNIT;
            }));
        } else {
            dispatch(session);
        }
    }

    /**
     * Starts the user's pass through the action (on its event loop, or the throttler's thread). By default the
     * blocking work goes to a virtual thread; a non-blocking action overrides this and ends with {@link #proceed}.
     */
    protected void dispatch(Session session) {
        try {
            run.io().execute(() -> runBlocking(session));
        } catch (RejectedExecutionException e) {
            next.$bang(session.markAsFailed()); // the run is ending: continue so the user can exit
        }
    }

    private void runBlocking(Session session) {
        Exchange exchange = new Exchange(session);
        try {
            perform(exchange);
        } catch (Throwable t) {
            long now = clock.nowMillis();
            exchange.log(name, now, now, 0, Outcome.ko("harness", null, "harness: " + t));
        }
        proceed(exchange);
    }

    /** The blocking work, on a virtual thread. Exceptions are logged as a KO and the user continues. */
    protected abstract void perform(Exchange exchange) throws Exception;

    /** Runs one callback of a non-blocking action: whatever it throws is a harness KO, and the user continues. */
    protected final void guard(Exchange exchange, Runnable work) {
        try {
            work.run();
        } catch (Throwable t) {
            long now = clock.nowMillis();
            exchange.log(name, now, now, 0, Outcome.ko("harness", null, "harness: " + t));
            abandoned(exchange);
            proceed(exchange);
        }
    }

    /** A callback of a non-blocking pass failed and the user continues: what the pass must still do before it goes (by default nothing). */
    protected void abandoned(Exchange exchange) {}

    /** The user continues with the next action: once per pass, whatever path ends it. */
    protected final void proceed(Exchange exchange) {
        if (exchange.markContinued()) next.$bang(exchange.result());
    }

    /**
     * The user continues while this pass still awaits a reply (a pipelined end-of-data): what the pass logs later is
     * held with the loop's requests as before, and no longer marks the user's session.
     */
    protected final void proceedAhead(Exchange exchange) {
        exchange.ahead = true;
        proceed(exchange);
    }

    /** A blocking call of one stage. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws Exception;
    }

    /** A stage could not complete (timeout, dropped connection…); its KO is already logged. */
    public static final class StageFailed extends Exception {
        public StageFailed(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** One user's pass through an action: its session, whether a request failed, and timing of stages. */
    public final class Exchange {
        private Session session;
        private boolean failed;
        private boolean continued;
        /** The user continued before the pass ended ({@link #proceedAhead}). */
        private boolean ahead;

        protected Exchange(Session session) {
            this.session = session;
        }

        public Session session() {
            return session;
        }

        public void update(java.util.function.UnaryOperator<Session> f) {
            session = f.apply(session);
        }

        public boolean failed() {
            return failed;
        }

        /**
         * Runs one stage, timed, and logs it as {@code request} judged by {@code judge}. An exception is
         * logged as a KO of its class and rethrown as {@link StageFailed}.
         */
        public <T> T stage(String request, boolean report, Call<T> call, java.util.function.Function<T, Outcome> judge) throws StageFailed {
            long start = clock.nowMillis();
            long t0 = System.nanoTime();
            T value;
            try {
                value = call.run();
            } catch (Exception e) {
                long micros = (System.nanoTime() - t0) / 1000;
                log(request, start, clock.nowMillis(), micros, Outcome.of(e), report);
                throw new StageFailed(e);
            }
            long micros = (System.nanoTime() - t0) / 1000;
            log(request, start, clock.nowMillis(), micros, judge.apply(value), report);
            return value;
        }

        public <T> T stage(String request, Call<T> call, java.util.function.Function<T, Outcome> judge) throws StageFailed {
            return stage(request, true, call, judge);
        }

        /** Logs a step the Netty client timed itself (by its own start and end nanos) as {@code request}. */
        public void log(String request, io.mailharness.gatling.netty.Step step, Outcome outcome, boolean report) {
            long nanos = step.nanos();
            long start = clock.nowMillis() - (System.nanoTime() - step.startNanos()) / 1_000_000;
            log(request, start, start + nanos / 1_000_000, nanos / 1000, outcome, report);
        }

        public void log(String request, long start, long end, long micros, Outcome outcome) {
            log(request, start, end, micros, outcome, true);
        }

        /**
         * Logs a request to the run's recorder and to Gatling — an OK only when {@code report}, a KO always,
         * so no failure is missing from the report. A KO marks the user failed. On the event loop, requests are
         * held and handed over together, within {@link HeldRequests#AT_MOST_MILLIS} ms and before the user exits.
         */
        public void log(String request, long start, long end, long micros, Outcome outcome, boolean report) {
            if (report || !outcome.ok()) {
                if ((continued && !ahead) || !session.eventLoop().inEventLoop()) run.recorder().log(statsEngine, session, request, start, end, micros, outcome);
                else HeldRequests.hold(run.recorder(), statsEngine, session, request, start, end, micros, outcome);
                session = session.logGroupRequestTimings(start, end);
            } else {
                run.recorder().record(request, micros, outcome);
            }
            if (!outcome.ok()) {
                failed = true;
                session = session.markAsFailed();
            }
        }

        /** The delivery latency of a message: from the 250 to end-of-data to its first retrieval. */
        public void deliveryLatency(long acceptedAt, long seenAt) {
            long end = Math.max(acceptedAt, seenAt);
            log(io.mailharness.record.RunRecord.DELIVERY_LATENCY, acceptedAt, end, (end - acceptedAt) * 1000, Outcome.ok("delivered"));
        }

        Session result() {
            return session;
        }

        /** True the first time: the user has not continued yet. */
        boolean markContinued() {
            if (continued) return false;
            continued = true;
            return true;
        }
    }
}
