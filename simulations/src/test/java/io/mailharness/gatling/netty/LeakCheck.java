package io.mailharness.gatling.netty;

import ch.qos.logback.classic.LoggerContext;
import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tracks every buffer allocated while it runs (Netty's paranoid leak detection) and collects the leaks Netty finds:
 * buffers garbage-collected without a release. Netty only notices a leak after a collection, at a later allocation,
 * so {@link #assertNone()} collects and allocates before it looks; a leak it misses is never a false failure. Tracking
 * records every access to a buffer, which makes octet-by-octet work slow: tests keep their bounds small.
 */
final class LeakCheck {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean listening;
    private final ResourceLeakDetector.Level before;

    private LeakCheck() {
        before = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    static LeakCheck start() {
        listen();
        LEAKS.clear();
        return new LeakCheck();
    }

    /**
     * Leaks are reported when a later allocation finds a collected, unreleased buffer. A canary buffer is dropped
     * unreleased on purpose and the collector run until its report comes: by then every buffer the test dropped
     * before it has been reported too (and a detector that reports nothing fails here instead of passing).
     */
    void assertNone() {
        String canary = CANARY + " " + CANARIES.incrementAndGet(); // the detector reports a record it has seen once only
        try {
            dropCanary(canary);
            await("the leak detector reports the canary").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                System.gc();
                for (int j = 0; j < 50; j++) ByteBufAllocator.DEFAULT.directBuffer(8).release();
                return LEAKS.stream().anyMatch(leak -> leak.contains(canary));
            });
        } finally {
            ResourceLeakDetector.setLevel(before);
        }
        assertEquals(List.of(), LEAKS.stream().filter(leak -> !leak.contains(CANARY)).toList(), "buffers never released");
    }

    static final String CANARY = "mailharness leak-check canary";
    private static final AtomicInteger CANARIES = new AtomicInteger();

    /** A buffer no one releases, in a frame of its own so that nothing keeps it reachable. */
    private static void dropCanary(String hint) {
        ByteBufAllocator.DEFAULT.directBuffer(8).touch(hint);
    }

    /** Netty's buffers report leaks to one detector, which takes a listener. */
    private static synchronized void listen() {
        if (listening) return;
        try {
            Field detector = AbstractByteBuf.class.getDeclaredField("leakDetector");
            detector.setAccessible(true);
            ((ResourceLeakDetector<?>) detector.get(null)).setLeakListener((type, records) -> LEAKS.add(type + ": " + records));
            ((LoggerContext) LoggerFactory.getILoggerFactory()).addTurboFilter(new CanaryLeakReports()); // canaries are not news
            listening = true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot listen to Netty's leak detector", e);
        }
    }
}
