package io.mailharness.gatling;

import io.gatling.javaapi.core.Simulation;

/**
 * Base class of mail simulations: a fresh {@link MailRun} per run, started in {@code before()} and
 * finished in {@code after()} (connections of cut-off users closed, run-record.json written next to the
 * report, final ledger printed, embedded server stopped). Subclasses overriding before/after call super.
 */
public abstract class MailSimulation extends Simulation {
    protected final MailRun run = MailRun.fresh(getClass());

    @Override
    public void before() {
        run.begin();
    }

    @Override
    public void after() {
        run.finish(System.out);
    }
}
