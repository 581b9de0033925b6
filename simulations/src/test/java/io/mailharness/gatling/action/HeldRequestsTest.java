package io.mailharness.gatling.action;

import io.gatling.commons.stats.Status;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.controller.Controller;
import io.gatling.core.session.GroupBlock;
import io.gatling.core.session.Session;
import io.gatling.core.session.Session$;
import io.gatling.core.stats.StatsEngine;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.record.LatencyRecorder;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.immutable.List;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every request a loop holds reaches Gatling: at a user's exit before the exit goes on, else within moments. */
class HeldRequestsTest {
    /** Counts what Gatling's stats engine is told. */
    private static final class CountingStatsEngine implements StatsEngine {
        final AtomicLong responses = new AtomicLong();

        @Override public void start() {}
        @Override public void stop(ActorRef<Controller.Command> controller, Option<Exception> exception) {}
        @Override public void logUserStart(String scenario) {}
        @Override public void logUserEnd(String scenario) {}
        @Override public void logGroupEnd(String scenario, GroupBlock groupBlock, long exitTimestamp) {}
        @Override public void logRequestCrash(String scenario, List<String> groups, String requestName, String error) {}

        @Override
        public void logResponse(String scenario, List<String> groups, String requestName, long start, long end, Status status,
                                Option<String> responseCode, Option<String> message) {
            responses.incrementAndGet();
        }
    }

    private final EventLoop loop = new DefaultEventLoop();
    private final CountingStatsEngine gatling = new CountingStatsEngine();
    private final LatencyRecorder recorder = new LatencyRecorder();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void hold(Session session, int requests) {
        for (int i = 0; i < requests; i++) HeldRequests.hold(recorder, gatling, session, "SMTP MAIL", 1, 2, 1_000, Outcome.ok("250"));
    }

    private long recorded() {
        return recorder.requestStats().get("SMTP MAIL").count();
    }

    @Test
    void aUsersExitTellsGatlingOfEveryRequestHeldBeforeItFullBatchesIncluded() throws Exception {
        Session session = Session$.MODULE$.apply("scenario", 1L, loop);
        int requests = 5 * 128 + 7;

        long toldAtExit = loop.submit(() -> {
            hold(session, requests);
            HeldRequests.handOverHere();
            return gatling.responses.get();
        }).get(5, TimeUnit.SECONDS);

        assertEquals(requests, toldAtExit, "told before the exit went on");
        assertEquals(requests, recorded());
    }

    @Test
    void fullBatchesAndALoneRequestReachGatlingWithoutAnExit() throws Exception {
        Session session = Session$.MODULE$.apply("scenario", 2L, loop);

        loop.submit(() -> hold(session, 3 * 128)).get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> gatling.responses.get() == 3 * 128);
        loop.submit(() -> hold(session, 1)).get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> gatling.responses.get() == 3 * 128 + 1);

        assertEquals(3 * 128 + 1, recorded());
    }
}
