package io.mailharness.gatling;

import io.gatling.javaapi.core.Simulation;

/**
 * Not needed any more: a plain Gatling {@link Simulation} using {@link MailDsl} gets the run record, the
 * ledger and the clean-up from the protocol itself. Kept so that simulations written against it still compile.
 */
@Deprecated
public abstract class MailSimulation extends Simulation {
}
