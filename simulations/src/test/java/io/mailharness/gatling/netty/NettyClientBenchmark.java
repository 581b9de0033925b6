package io.mailharness.gatling.netty;

import io.mailharness.message.MessageMix;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.TlsSettings;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Netty SMTP client alone, driven as fast as the server accepts, for {@code simulations/bench/netty-client.sh}:
 * <ul>
 * <li>{@code send HOST PORT CONNECTIONS MESSAGES SIZE PIPELINING THREADS}: opens the connections, sends
 * {@code -DwarmUp} messages (100,000) for the JIT to settle, then MESSAGES messages of SIZE octets spread over the
 * connections, each connection one transaction after the other; prints messages per second and this process's CPU time per message over that phase (user and system, from
 * /proc/self/stat, every thread: event loops, JIT, GC).</li>
 * <li>{@code idle HOST PORT SESSIONS THREADS}: opens SESSIONS sessions (connect, greeting, EHLO) and holds them;
 * prints the heap and pooled direct memory in use after a collection, then checks every session with a NOOP.</li>
 * </ul>
 * Steps are judged by their default expectation only: what an action adds (Gatling's statistics) is not in these figures.
 */
public final class NettyClientBenchmark {
    private static final String FROM = "bench@mailharness.test";
    private static final List<String> TO = List.of("sink@sink.test");

    private NettyClientBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !(args[0].equals("send") && args.length == 8 || args[0].equals("idle") && args.length == 5)) {
            System.err.println("usage: NettyClientBenchmark send HOST PORT CONNECTIONS MESSAGES SIZE PIPELINING THREADS");
            System.err.println("       NettyClientBenchmark idle HOST PORT SESSIONS THREADS");
            System.exit(2);
        }
        Endpoint endpoint = new Endpoint(args[1], Integer.parseInt(args[2]));
        int threads = Integer.parseInt(args[args.length - 1]);
        EventLoopGroup group = ClientTransport.newEventLoopGroup(threads, "bench-client");
        MailClientConfig config = new MailClientConfig(TlsSettings.verifying(), Duration.ofSeconds(10), Duration.ofSeconds(30), ReplyLimits.defaults());
        try {
            if (args[0].equals("send")) {
                send(config, group, endpoint, Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5], Boolean.parseBoolean(args[6]),
                        Integer.getInteger("warmUp", 100_000));
            } else {
                idle(config, group, endpoint, Integer.parseInt(args[3]));
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private static void send(MailClientConfig config, EventLoopGroup group, Endpoint endpoint, int connections, int messages, String size,
                             boolean pipelining, int warmUpMessages) throws InterruptedException {
        SharedBodyMessages bodies = new SharedBodyMessages(1, MessageMix.fixed((int) sizeOf(size)));
        List<SmtpChannel> open = openAll(config, group, SmtpTarget.plain(endpoint, "bench.mailharness.test"), connections);
        if (open.size() < connections) throw new IllegalStateException("only " + open.size() + " of " + connections + " sessions opened");
        Sender warmUp = new Sender(bodies, pipelining, open, warmUpMessages);
        warmUp.runFor(Duration.ofMinutes(5));

        Sender measured = new Sender(bodies, pipelining, open, messages);
        long[] cpu0 = processCpuTicks();
        long gc0 = gcMillis();
        long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long t0 = System.nanoTime();
        measured.runFor(Duration.ofMinutes(30));
        long wall = System.nanoTime() - t0;
        long[] cpu1 = processCpuTicks();
        long gc = gcMillis() - gc0;
        long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0;
        double userMs = (cpu1[0] - cpu0[0]) * 1000.0 / TICKS_PER_SECOND;
        double systemMs = (cpu1[1] - cpu0[1]) * 1000.0 / TICKS_PER_SECOND;
        double seconds = wall / 1e9;
        long n = Math.max(1, measured.accepted.get());
        System.out.printf("result mode=send transport=%s connections=%d pipelining=%s messages=%d accepted=%d refused=%d failed=%d seconds=%.2f"
                        + " msgs_per_s=%.0f cpu_ms_per_msg=%.4f user_ms_per_msg=%.4f system_ms_per_msg=%.4f cpu_share=%.2f gc_ms=%d jit_ms=%d%n",
                ClientTransport.name(group.next()), connections, pipelining, messages, measured.accepted.get(), measured.refused.get(),
                measured.failed.get(), seconds, measured.accepted.get() / seconds, (userMs + systemMs) / n, userMs / n, systemMs / n,
                (userMs + systemMs) / 1000 / seconds, gc, jit);
        for (SmtpChannel c : open) c.quit();
    }

    /** Sends a number of messages over the connections, each connection one transaction after the other. */
    private static final class Sender {
        private final SharedBodyMessages bodies;
        private final boolean pipelining;
        private final List<SmtpChannel> connections;
        private final AtomicLong left;
        private final AtomicLong number = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final CountDownLatch done;

        Sender(SharedBodyMessages bodies, boolean pipelining, List<SmtpChannel> connections, long messages) {
            this.bodies = bodies;
            this.pipelining = pipelining;
            this.connections = connections;
            this.left = new AtomicLong(messages);
            this.done = new CountDownLatch(connections.size());
        }

        void runFor(Duration limit) throws InterruptedException {
            for (SmtpChannel c : connections) c.loop().execute(() -> next(c));
            if (!done.await(limit.toMillis(), TimeUnit.MILLISECONDS)) throw new IllegalStateException("not done within " + limit);
        }

        private void next(SmtpChannel c) {
            if (left.getAndDecrement() <= 0 || !c.isOpen()) {
                done.countDown();
                return;
            }
            long n = number.getAndIncrement();
            OutgoingMessage m = bodies.build(n, "bench-" + n, FROM, TO, System.currentTimeMillis());
            c.send(FROM, TO, m, pipelining, SmtpStep::meetsDefaultExpectation).addListener(f -> {
                if (!f.isSuccess()) failed.incrementAndGet();
                else if (((SmtpTransactionResult) f.getNow()).accepted()) accepted.incrementAndGet();
                else refused.incrementAndGet();
                c.loop().execute(() -> next(c)); // a new stack per message, even when a future completes at once
            });
        }
    }

    private static void idle(MailClientConfig config, EventLoopGroup group, Endpoint endpoint, int sessions) throws InterruptedException {
        long t0 = System.nanoTime();
        List<SmtpChannel> open = openAll(config, group, SmtpTarget.plain(endpoint, "bench.mailharness.test"), sessions);
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        System.gc(); // a full collection, done when the call returns (no -XX:+ExplicitGCInvokesConcurrent here)
        System.gc(); // and one more for what the first left to finalise
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
        CountDownLatch checked = new CountDownLatch(open.size());
        AtomicLong alive = new AtomicLong();
        for (SmtpChannel c : open) {
            c.noop().addListener(f -> {
                if (f.isSuccess() && ((SmtpStep) f.getNow()).meetsDefaultExpectation()) alive.incrementAndGet();
                checked.countDown();
            });
        }
        checked.await(2, TimeUnit.MINUTES);
        System.out.printf("result mode=idle transport=%s sessions=%d opened=%d open_seconds=%.1f heap_used_mib=%.1f heap_per_session_kib=%.2f"
                        + " pooled_direct_mib=%.1f alive_after_noop=%d max_heap_mib=%d%n",
                ClientTransport.name(group.next()), sessions, open.size(), openSeconds, heap / 1048576.0, heap / 1024.0 / Math.max(1, open.size()),
                direct / 1048576.0, alive.get(), Runtime.getRuntime().maxMemory() / 1048576);
        for (SmtpChannel c : open) c.close();
    }

    /** Opens sessions, a few hundred at a time; returns those that opened. */
    private static List<SmtpChannel> openAll(MailClientConfig config, EventLoopGroup group, SmtpTarget target, int count) throws InterruptedException {
        Semaphore inFlight = new Semaphore(200);
        List<SmtpChannel> open = java.util.Collections.synchronizedList(new ArrayList<>(count));
        AtomicLong failures = new AtomicLong();
        CountDownLatch all = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            Future<SmtpChannel> opening = SmtpHandshake.open(config, group.next(), target, SmtpStep::meetsDefaultExpectation);
            opening.addListener(f -> {
                if (f.isSuccess()) open.add((SmtpChannel) f.getNow());
                else if (failures.incrementAndGet() <= 3) System.err.println("opening failed: " + f.cause().getMessage());
                inFlight.release();
                all.countDown();
            });
        }
        all.await(5, TimeUnit.MINUTES);
        return new ArrayList<>(open);
    }

    private static long gcMillis() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) ms += Math.max(0, gc.getCollectionTime());
        return ms;
    }

    /** The kernel's clock ticks per second for /proc times (USER_HZ, 100 on Linux). */
    private static final int TICKS_PER_SECOND = 100;

    /** This process's user and system CPU time in clock ticks, all threads (/proc/self/stat utime, stime). */
    private static long[] processCpuTicks() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // field 3 (state) is f[0]
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read /proc/self/stat (Linux only)", e);
        }
    }

    private static long sizeOf(String size) {
        return MessageMix.parse("fixed:" + size).bands().get(0).maxSize();
    }
}
