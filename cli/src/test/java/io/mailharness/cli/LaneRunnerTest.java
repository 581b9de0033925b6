package io.mailharness.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lanes side by side, at most N at once, each lane in order; the first failure stops the rest. */
class LaneRunnerTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Test
    void lanesRunSideBySideAtMostNAtOnceAndEachLaneInOrder() throws Exception {
        CountDownLatch twoAtOnce = new CountDownLatch(2);
        CountDownLatch threeAtOnce = new CountDownLatch(3);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        LaneRunner.run(List.of(List.of("a1", "a2"), List.of("b"), List.of("c"), List.of("d")), 2, target -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            events.add("start " + target);
            twoAtOnce.countDown();
            boolean met = twoAtOnce.await(5, TimeUnit.SECONDS);
            events.add((met ? "" : "alone ") + "end " + target);
            threeAtOnce.countDown();
            threeAtOnce.await(100, TimeUnit.MILLISECONDS); // returns at once if a third lane started, the limit broken
            running.decrementAndGet();
        });
        assertFalse(events.stream().anyMatch(event -> event.startsWith("alone")), "the first two lanes ran at the same time: " + events);
        assertEquals(2, most.get(), "never more than 2 at once: " + events);
        assertEquals(10, events.size(), "every target ran once: " + events);
        assertTrue(events.indexOf("end a1") < events.indexOf("start a2"), "a lane's targets one after another: " + events);
    }

    @Test
    void oneLaneAtATimeRunsTheTargetsInLaneOrder() throws Exception {
        LaneRunner.run(List.of(List.of("a", "b"), List.of("c")), 1, target -> {
            events.add("start " + target);
            events.add("end " + target);
        });
        assertEquals(List.of("start a", "end a", "start b", "end b", "start c", "end c"), events);
    }

    @Test
    void theLanesWithTheMostTargetsStartFirst() throws Exception {
        LaneRunner.run(List.of(List.of("a"), List.of("b1", "b2", "b3"), List.of("c"), List.of("d1", "d2")), 1, events::add);
        assertEquals(List.of("b1", "b2", "b3", "d1", "d2", "a", "c"), events);
    }

    @Test
    void theFirstFailureStopsTheRunningLanesAndStartsNoFurtherTarget() {
        CountDownLatch bRunning = new CountDownLatch(1);
        IOException thrown = assertThrows(IOException.class, () -> LaneRunner.run(List.of(List.of("a", "a2"), List.of("b", "b2")), 2, target -> {
            events.add("start " + target);
            switch (target) {
                case "a" -> {
                    bRunning.await(5, TimeUnit.SECONDS);
                    throw new IOException("a broke");
                }
                case "b" -> {
                    bRunning.countDown();
                    try {
                        new CountDownLatch(1).await(20, TimeUnit.SECONDS); // only an interrupt ends it early
                    } catch (InterruptedException e) {
                        events.add("b stopped");
                        throw e;
                    }
                }
                default -> { }
            }
        }));
        assertEquals("a broke", thrown.getMessage());
        assertTrue(events.contains("b stopped"), "the other lane's running target was interrupted: " + events);
        assertFalse(events.contains("start a2") || events.contains("start b2"), "nothing started after the failure: " + events);
    }
}
