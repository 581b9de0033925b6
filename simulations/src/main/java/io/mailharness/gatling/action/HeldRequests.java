package io.mailharness.gatling.action;

import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.record.LatencyRecorder;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The requests an event loop's users ended and Gatling has not been told of yet. Gatling's data writers are actors
 * whose thread is woken by the first message after they went idle: requests handed over one by one as replies arrive
 * would wake the writers per request (or per message, were they handed over as each user continues), a thread
 * hand-off that costs more than the requests. So they are held across passes, and handed over together at
 * {@link #MOST} held, {@link #AT_MOST_MILLIS} after the first was held, or when one of the loop's users exits (its
 * requests are then all told before Gatling hears of its end), whichever comes first: a pass waiting on a stalled
 * server still reports the stages it finished, and a run cut off at its end loses only what ended in its last moments.
 * Timings are not touched: each request keeps its own start and end.
 */
public final class HeldRequests implements Runnable {
    static final long AT_MOST_MILLIS = 50;
    private static final int MOST = 128;

    private static final FastThreadLocal<HeldRequests> OF_LOOP = new FastThreadLocal<>();

    private record Ended(LatencyRecorder recorder, StatsEngine statsEngine, Session session, String request, long start, long end, long micros,
                         Outcome outcome) {}

    private final EventLoop loop;
    private final ArrayList<Ended> held = new ArrayList<>(MOST);
    private boolean scheduled;

    private HeldRequests(EventLoop loop) {
        this.loop = loop;
    }

    /** On the session's event loop: holds a request for Gatling (or logs it at once when the loop is shutting down). */
    static void hold(LatencyRecorder recorder, StatsEngine statsEngine, Session session, String request, long start, long end, long micros, Outcome outcome) {
        EventLoop loop = session.eventLoop();
        HeldRequests of = OF_LOOP.get();
        if (of == null || of.loop != loop) {
            if (of != null) of.handOver();
            of = new HeldRequests(loop);
            OF_LOOP.set(of);
        }
        if (!of.scheduled) {
            try {
                loop.schedule(of, AT_MOST_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                recorder.log(statsEngine, session, request, start, end, micros, outcome);
                return;
            }
            of.scheduled = true;
        }
        of.held.add(new Ended(recorder, statsEngine, session, request, start, end, micros, outcome));
        if (of.held.size() >= MOST) of.handOver();
    }

    /** Hands over what this thread's loop holds, if anything: called as one of its users exits. */
    public static void handOverHere() {
        HeldRequests of = OF_LOOP.getIfExists();
        if (of != null) of.handOver();
    }

    @Override
    public void run() {
        scheduled = false;
        handOver();
    }

    private void handOver() {
        for (Ended r : held) r.recorder().log(r.statsEngine(), r.session(), r.request(), r.start(), r.end(), r.micros(), r.outcome());
        held.clear();
    }
}
