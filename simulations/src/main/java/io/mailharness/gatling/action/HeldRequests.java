package io.mailharness.gatling.action;

import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.record.LatencyRecorder;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The requests an event loop's users ended and Gatling has not been told of yet. Gatling's data writers are actors
 * whose thread is woken by the first message after they went idle: requests handed over one by one as replies arrive
 * would wake the writers per request (or per message, were they handed over as each user continues), a thread
 * hand-off that costs more than the requests. So they are held across passes, and handed over together at
 * {@link #MOST} held, {@link #AT_MOST_MILLIS} after the first was held, or when one of the loop's users exits (its
 * requests are then all told before Gatling hears of its end), whichever comes first: a pass waiting on a stalled
 * server still reports the stages it finished, and a run cut off at its end loses only what ended in its last moments.
 * Full batches, which come at high rates, are told by one thread of their own ({@link #TELLER}) within
 * {@link #TELL_WITHIN_MILLIS}: from an event loop, each burst still woke the writers several times (they empty their
 * mailbox faster than a loop fills it), and every wake-up cost the loop a system call and a context switch on the
 * cores the server shares. Timings are not touched: each request keeps its own start and end.
 */
public final class HeldRequests implements Runnable {
    static final long AT_MOST_MILLIS = 50;
    private static final int MOST = 128;
    private static final long TELL_WITHIN_MILLIS = 10;

    /** Full batches waiting for {@link #TELLER}; any thread may take one (an exiting user's loop does). */
    private static final ConcurrentLinkedQueue<ArrayList<Ended>> FULL = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean TELLING_SOON = new AtomicBoolean();
    private static final ScheduledExecutorService TELLER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "mailharness-requests");
        t.setDaemon(true);
        return t;
    });

    private static final FastThreadLocal<HeldRequests> OF_LOOP = new FastThreadLocal<>();

    private record Ended(LatencyRecorder recorder, StatsEngine statsEngine, Session session, String request, long start, long end, long micros,
                         Outcome outcome) {}

    private final EventLoop loop;
    private ArrayList<Ended> held = new ArrayList<>(MOST);
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
        if (of.held.size() >= MOST) of.handOverFull();
    }

    /** Tells Gatling of everything held, full batches first: called as one of the loop's users exits. */
    public static void handOverHere() {
        tellFull();
        HeldRequests of = OF_LOOP.getIfExists();
        if (of != null) of.handOver();
    }

    @Override
    public void run() {
        scheduled = false;
        handOver();
    }

    private void handOver() {
        tell(held);
        held.clear();
    }

    private void handOverFull() {
        FULL.add(held);
        held = new ArrayList<>(MOST);
        // TELLER is never shut down, so it takes every task
        if (TELLING_SOON.compareAndSet(false, true)) TELLER.schedule(HeldRequests::tellFull, TELL_WITHIN_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Synchronized so that an exiting user's loop waits for a batch {@link #TELLER} is telling at that moment. */
    private static synchronized void tellFull() {
        TELLING_SOON.set(false);
        for (ArrayList<Ended> batch; (batch = FULL.poll()) != null; ) tell(batch);
    }

    private static void tell(ArrayList<Ended> batch) {
        for (Ended r : batch) r.recorder().log(r.statsEngine(), r.session(), r.request(), r.start(), r.end(), r.micros(), r.outcome());
    }
}
