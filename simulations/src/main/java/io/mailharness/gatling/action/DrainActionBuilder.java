package io.mailharness.gatling.action;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.mailharness.gatling.MailEngine;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.protocol.MailComponents;
import io.mailharness.gatling.ledger.DeliveryLedger;
import io.mailharness.record.DeliveryCheck;
import io.mailharness.record.Ledger;
import io.mailharness.settings.Account;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The drain phase, run after the load: reader passes over the maildrops that still owe accepted messages,
 * until none is owed or the protocol's grace period has passed; then the ledger verdict, once per run, as
 * three requests that assertions can name: "ledger lost", "ledger corrupted", "ledger duplicated"
 * (OK when zero, else KO with the count).
 */
public final class DrainActionBuilder implements ActionBuilder {
    public static final String LOST = io.mailharness.record.RunRecord.LEDGER_VERDICT_PREFIX + "lost";
    public static final String CORRUPTED = io.mailharness.record.RunRecord.LEDGER_VERDICT_PREFIX + "corrupted";
    public static final String DUPLICATED = io.mailharness.record.RunRecord.LEDGER_VERDICT_PREFIX + "duplicated";
    public static final String NOT_RETRIEVABLE = io.mailharness.record.RunRecord.LEDGER_VERDICT_PREFIX + "not retrievable";
    /** Pause between passes when nothing new was found, so a drain does not spin on the server. */
    private static final long IDLE_PAUSE_MILLIS = 200;

    private final String prefix;

    public DrainActionBuilder(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> MailAction.engine(ctx) == MailEngine.NETTY ? new ChannelDrain(ctx, next) : new Drain(ctx, next);
    }

    /** The drain on the Netty engine: the same passes and verdict, each pass started from the last one's end on the user's event loop. */
    private final class ChannelDrain extends EventLoopAction {
        private final Pop3ChannelExchange pop3;
        /** The users' passes through the drain that have not ended yet (each ends once, whatever ends it). */
        private final Set<Exchange> draining = ConcurrentHashMap.newKeySet();

        ChannelDrain(ScenarioContext ctx, Action next) {
            super("drain-" + prefix, ctx, next);
            this.pop3 = new Pop3ChannelExchange(prefix, components, this);
        }

        @Override
        protected void start(Exchange x) {
            if (components.sendOnly()) { // nothing is owed: no retrieval, no verdict
                proceed(x);
                return;
            }
            draining.add(x);
            run.drainStarted();
            pass(x, new Passes(components));
        }

        private void pass(Exchange x, Passes passes) {
            if (passes.over() || run.isFinished()) {
                finish(x);
                return;
            }
            passes.starting();
            pop3.cycle(x, passes::owes, passed -> {
                switch (passes.after(passed)) {
                    case DONE -> finish(x);
                    case PAUSE -> x.session().eventLoop().schedule(() -> guard(x, () -> pass(x, passes)), IDLE_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
                    case AGAIN -> x.session().eventLoop().execute(() -> guard(x, () -> pass(x, passes))); // a fresh stack for each pass
                }
            });
        }

        private void finish(Exchange x) {
            ended(x);
            proceed(x);
        }

        /** The verdict is owed whatever ended the drain, a harness failure included. */
        @Override
        protected void abandoned(Exchange x) {
            ended(x);
        }

        private void ended(Exchange x) {
            if (draining.remove(x) && run.drainFinished()) verdict(x, components, clock.nowMillis(), run.ledger().snapshot());
        }
    }

    private final class Drain extends MailAction {
        private final Pop3Exchange pop3;

        Drain(ScenarioContext ctx, Action next) {
            super("drain-" + prefix, ctx, next);
            this.pop3 = new Pop3Exchange(prefix, components);
        }

        @Override
        protected void perform(Exchange x) {
            if (components.sendOnly()) return; // nothing is owed: no retrieval, no verdict
            run.drainStarted();
            try {
                drain(x);
            } finally {
                if (run.drainFinished()) verdict(x, components, clock.nowMillis(), run.ledger().snapshot());
            }
        }

        private void drain(Exchange x) {
            Passes passes = new Passes(components);
            while (!passes.over() && !Thread.currentThread().isInterrupted()) {
                passes.starting();
                Next next = passes.after(pop3.cycle(x, passes::owes));
                if (next == Next.DONE) break;
                if (next == Next.PAUSE) LockSupport.parkNanos(IDLE_PAUSE_MILLIS * 1_000_000);
            }
        }
    }

    /** What follows a reader pass. */
    private enum Next { DONE, PAUSE, AGAIN }

    /**
     * The passes of one drain: over when the ledger's grace period has passed (or a second after it, whatever the
     * ledger says); done when no maildrop owes a message; a pause before the next when no maildrop was free or the
     * pass found nothing new, so a drain does not spin on the server.
     */
    private static final class Passes {
        private final DeliveryLedger ledger;
        private final MailComponents components;
        private final long hardStop;
        private long before;

        Passes(MailComponents components) {
            this.components = components;
            this.ledger = components.run().ledger();
            long grace = components.protocol().drainGrace().toMillis();
            ledger.startDrain(grace, System.currentTimeMillis());
            this.hardStop = System.currentTimeMillis() + grace + 1_000;
        }

        boolean over() {
            long now = System.currentTimeMillis();
            return ledger.drainOver(now) || now >= hardStop;
        }

        /** Whether a maildrop still owes accepted messages: those are read first. */
        boolean owes(Account maildrop) {
            return ledger.outstanding(maildrop.address()) > 0;
        }

        void starting() {
            before = ledger.outstanding();
        }

        /** {@code passed}: a maildrop was free and the reader got in (or its connection broke). */
        Next after(boolean passed) {
            if (passed && components.maildrops().accounts().stream().noneMatch(this::owes)) return Next.DONE;
            return !passed || ledger.outstanding() == before ? Next.PAUSE : Next.AGAIN;
        }
    }

    /** The ledger verdict, once per run, as four requests assertions can name. */
    private static void verdict(MailAction.Exchange x, MailComponents components, long now, Ledger l) {
        String grace = components.protocol().drainGrace().toSeconds() + " s";
        DeliveryCheck check = components.run().ledger().check(true, null, null);
        x.log(LOST, now, now, 0, l.lost() == 0 ? Outcome.ok("0")
                : Outcome.ko("ledger", Long.toString(l.lost()), "lost: " + l.lost() + " accepted messages never seen within the " + grace + " grace period"));
        x.log(CORRUPTED, now, now, 0, l.corrupted() == 0 ? Outcome.ok("0")
                : Outcome.ko("ledger", Long.toString(l.corrupted()), "corrupted: " + l.corrupted() + " messages retrieved damaged (headers rewritten "
                + check.headersRewritten() + ", body altered " + check.bodyAltered() + ", truncated " + check.truncated()
                + (check.damagedUnclassified() > 0 ? ", not classified " + check.damagedUnclassified() : "") + ")"));
        x.log(DUPLICATED, now, now, 0, l.duplicated() == 0 ? Outcome.ok("0")
                : Outcome.ko("ledger", Long.toString(l.duplicated()), "duplicated: " + l.duplicated() + " messages retrieved more than once"));
        x.log(NOT_RETRIEVABLE, now, now, 0, check.notRetrievable() == 0 ? Outcome.ok("0")
                : Outcome.ko("ledger", Long.toString(check.notRetrievable()), "not retrievable: " + check.notRetrievable()
                + " messages listed by the server whose retrieval failed"));
    }
}
