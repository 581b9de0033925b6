package io.mailharness.gatling.netty;

/**
 * Told of every step of a multi-step operation (opening a session, a mail transaction, a POP3 login) as it ends,
 * on the connection's event loop, and answers whether the reply is the one expected there: true lets the operation
 * go on, false stops it as refused. A failed step ends the operation whatever the answer. This is where an action
 * logs each stage and judges the reply against its expectations.
 */
@FunctionalInterface
public interface StepListener<S> {
    boolean step(S step);
}
