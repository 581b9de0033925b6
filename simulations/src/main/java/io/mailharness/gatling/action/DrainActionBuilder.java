package io.mailharness.gatling.action;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.ledger.DeliveryLedger;
import io.mailharness.record.DeliveryCheck;
import io.mailharness.record.Ledger;

import java.util.concurrent.locks.LockSupport;

/**
 * The drain phase, run after the load: reader passes over the maildrops that still owe accepted messages,
 * until none is owed or the protocol's grace period has passed; then the ledger verdict, once per run, as
 * three requests that assertions can name: "ledger lost", "ledger corrupted", "ledger duplicated"
 * (OK when zero, else KO with the count).
 */
public final class DrainActionBuilder implements ActionBuilder {
    public static final String LOST = "ledger lost";
    public static final String CORRUPTED = "ledger corrupted";
    public static final String DUPLICATED = "ledger duplicated";
    public static final String NOT_RETRIEVABLE = "ledger not retrievable";
    /** Pause between passes when nothing new was found, so a drain does not spin on the server. */
    private static final long IDLE_PAUSE_MILLIS = 200;

    private final String prefix;

    public DrainActionBuilder(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new Drain(ctx, next);
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
                if (run.drainFinished()) verdict(x, run.ledger().snapshot());
            }
        }

        private void drain(Exchange x) {
            DeliveryLedger ledger = run.ledger();
            long grace = components.protocol().drainGrace().toMillis();
            ledger.startDrain(grace, System.currentTimeMillis());
            long hardStop = System.currentTimeMillis() + grace + 1_000;
            while (!ledger.drainOver(System.currentTimeMillis()) && System.currentTimeMillis() < hardStop && !Thread.currentThread().isInterrupted()) {
                long before = ledger.outstanding();
                boolean passed = pop3.cycle(x, a -> ledger.outstanding(a.address()) > 0);
                if (components.maildrops().accounts().stream().noneMatch(a -> ledger.outstanding(a.address()) > 0) && passed) break;
                if (!passed || ledger.outstanding() == before) LockSupport.parkNanos(IDLE_PAUSE_MILLIS * 1_000_000);
            }
        }

        private void verdict(Exchange x, Ledger l) {
            long now = clock.nowMillis();
            String grace = components.protocol().drainGrace().toSeconds() + " s";
            DeliveryCheck check = run.ledger().check(true, null, null);
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
}
