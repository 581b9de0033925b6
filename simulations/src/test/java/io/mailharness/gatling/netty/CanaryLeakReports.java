package io.mailharness.gatling.netty;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps Netty's leak reports of {@link LeakCheck}'s canaries out of the test log (they are expected, and
 * LeakCheck reads them from the detector itself); every other leak report is logged as before.
 */
public final class CanaryLeakReports extends TurboFilter {
    private static final String DETECTOR = "io.netty.util.ResourceLeakDetector";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !logger.getName().equals(DETECTOR)) return FilterReply.NEUTRAL;
        // Netty's logger formats the report itself (no params), an SLF4J caller would pass the records as one
        if (format != null && format.contains(LeakCheck.CANARY)) return FilterReply.DENY;
        for (Object param : params == null ? new Object[0] : params) {
            if (param != null && String.valueOf(param).contains(LeakCheck.CANARY)) return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
