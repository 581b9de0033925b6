package io.mailharness.gatling.netty;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

    void assertNone() {
        try {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(30);
                for (int j = 0; j < 50; j++) ByteBufAllocator.DEFAULT.directBuffer(8).release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ResourceLeakDetector.setLevel(before);
        }
        assertEquals(List.of(), List.copyOf(LEAKS), "buffers never released");
    }

    /** Netty's buffers report leaks to one detector, which takes a listener. */
    private static synchronized void listen() {
        if (listening) return;
        try {
            Field detector = AbstractByteBuf.class.getDeclaredField("leakDetector");
            detector.setAccessible(true);
            ((ResourceLeakDetector<?>) detector.get(null)).setLeakListener((type, records) -> LEAKS.add(type + ": " + records));
            listening = true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot listen to Netty's leak detector", e);
        }
    }
}
