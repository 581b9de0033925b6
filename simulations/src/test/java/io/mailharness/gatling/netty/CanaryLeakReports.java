package io.mailharness.gatling.netty;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps Netty's leak reports of {@link LeakCheck}'s canaries out of the test log (they are expected, and
 * LeakCheck reads them from the detector itself); every other leak report is logged as before. Netty's logger
 * formats the report, its access records and their hints included, before it reaches this filter.
 */
final class CanaryLeakReports extends TurboFilter {
    private static final String DETECTOR = "io.netty.util.ResourceLeakDetector";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        boolean canary = logger != null && logger.getName().equals(DETECTOR) && format != null && format.contains(LeakCheck.CANARY);
        return canary ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
