package io.mailharness.gatling.action;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The passes of one event loop that hold requests back from Gatling ({@link MailAction.Exchange}): each hands its
 * requests over when its user continues, and this hands over what a pass still holds {@link #AT_MOST_MILLIS} later at
 * the latest, so a pass that waits long (a stalled server) still reports the stages it finished, and a run cut off at
 * its end loses only what ended in its last moments. One timer per loop at a time, not one per pass.
 */
final class HeldRequests implements Runnable {
    static final long AT_MOST_MILLIS = 50;

    private static final FastThreadLocal<HeldRequests> OF_LOOP = new FastThreadLocal<>();

    private final EventLoop loop;
    private final ArrayList<MailAction.Exchange> holding = new ArrayList<>();
    private boolean scheduled;

    private HeldRequests(EventLoop loop) {
        this.loop = loop;
    }

    /** Called on {@code loop}: {@code pass} has started holding requests; false when the loop is shutting down (hand over now). */
    static boolean watch(EventLoop loop, MailAction.Exchange pass) {
        HeldRequests of = OF_LOOP.get();
        if (of == null || of.loop != loop) {
            of = new HeldRequests(loop);
            OF_LOOP.set(of);
        }
        return of.add(pass);
    }

    private boolean add(MailAction.Exchange pass) {
        if (!scheduled) {
            try {
                loop.schedule(this, AT_MOST_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                return false;
            }
            scheduled = true;
        }
        holding.add(pass);
        return true;
    }

    @Override
    public void run() {
        scheduled = false;
        for (MailAction.Exchange pass : holding) pass.handOver();
        holding.clear();
    }
}
