package io.mailharness.gatling.action;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a transaction is pipelined (RFC 2920): asked for, and PIPELINING in the server's EHLO reply. Where the
 * server does not advertise it, the commands go one at a time, and the log says so once per action.
 */
final class PipeliningFallback {
    private static final Logger LOG = LoggerFactory.getLogger(PipeliningFallback.class);

    private final String prefix;
    private final AtomicBoolean logged = new AtomicBoolean();

    PipeliningFallback(String prefix) {
        this.prefix = prefix;
    }

    boolean pipelined(boolean asked, boolean advertised) {
        if (!asked) return false;
        if (advertised) return true;
        if (logged.compareAndSet(false, true)) {
            LOG.warn("{}: the server does not advertise PIPELINING (RFC 2920) in its EHLO reply: MAIL, RCPT and DATA are sent one at a time",
                    prefix);
        }
        return false;
    }
}
