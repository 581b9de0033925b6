package io.mailharness.gatling.protocol;

/**
 * Which simulation is building a protocol. Gatling does not tell a protocol which simulation runs it, and
 * the run record is named after it and written into its run folder; a protocol is built in the simulation's
 * constructor, so the nearest simulation class on the call stack is the one.
 */
final class SimulationClass {
    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private SimulationClass() {}

    /** The innermost {@link io.gatling.javaapi.core.Simulation} subclass on the caller's stack, or null. */
    static Class<?> calling() {
        return STACK.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> c != io.gatling.javaapi.core.Simulation.class && io.gatling.javaapi.core.Simulation.class.isAssignableFrom(c))
                .findFirst().orElse(null));
    }
}
