import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small load client for the idle-sessions benchmark (run with the JDK's source launcher and the sink module's
 * classpath): opens SESSIONS SMTP sessions to 127.0.0.1:PORT over RAMP seconds, each greeted and EHLO'd, keeps
 * them idle with a NOOP every NOOP seconds for HOLD seconds after the last one opened, then QUITs them all.
 * Sessions come from SOURCES loopback addresses (127.0.0.1, .2, …) so that one address's ephemeral ports do not
 * run out. Prints when all are open (with its own heap after a GC), then a summary.
 *
 * Arguments: PORT SESSIONS RAMP HOLD NOOP SOURCES
 */
public class IdleSessionsClient {
    private static final byte[] EHLO = "EHLO bench.test\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOOP = "NOOP\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUIT = "QUIT\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_PENDING = 1000;

    static final ConcurrentHistogram setup = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    static final ConcurrentHistogram noops = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    static final AtomicInteger pending = new AtomicInteger();
    static final AtomicInteger established = new AtomicInteger();
    static final AtomicInteger open = new AtomicInteger();
    static final AtomicInteger peakOpen = new AtomicInteger();
    static final AtomicInteger quitOk = new AtomicInteger();
    static final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    static final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    static volatile boolean quitting;
    static long noopNanos;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int sessions = Integer.parseInt(args[1]);
        long rampNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
        long holdNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args[3]));
        noopNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args[4]));
        int sources = Integer.parseInt(args[5]);

        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Bootstrap bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(2048), new Session());
                    }
                });
        InetSocketAddress sink = new InetSocketAddress("127.0.0.1", port);
        System.out.printf("opening %d sessions to %s over %d s from %d source address(es), %s%n", sessions, sink,
                TimeUnit.NANOSECONDS.toSeconds(rampNanos), sources, epoll ? "epoll" : "nio");

        long start = System.nanoTime();
        long deadline = start + rampNanos + TimeUnit.SECONDS.toNanos(120);
        for (int i = 0; i < sessions && System.nanoTime() < deadline; i++) {
            long due = start + rampNanos * i / sessions;
            while ((System.nanoTime() < due || pending.get() >= MAX_PENDING) && System.nanoTime() < deadline) Thread.sleep(1);
            pending.incrementAndGet();
            InetSocketAddress source = new InetSocketAddress("127.0.0." + (1 + i % sources), 0);
            ChannelFuture connect = bootstrap.connect(sink, source);
            connect.addListener(f -> {
                if (!f.isSuccess()) {
                    pending.decrementAndGet();
                    fail("connect: " + f.cause().getClass().getSimpleName() + " " + f.cause().getMessage());
                }
            });
        }
        while (pending.get() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
        double openSeconds = (System.nanoTime() - start) / 1e9;
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("established %d of %d in %.1f s (open now %d, failed %d); client heap after GC %.1f MiB%n",
                established.get(), sessions, openSeconds, open.get(), failed(), heap / 1048576.0);

        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(holdNanos));
        quitting = true;
        int stillOpen = open.get();
        for (Channel ch : channels) ch.pipeline().get(Session.class).quit();
        long quitDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (open.get() > 0 && System.nanoTime() < quitDeadline) Thread.sleep(10);

        System.out.printf("held %d sessions for %d s; QUIT answered 221 by %d of %d%n", stillOpen,
                TimeUnit.NANOSECONDS.toSeconds(holdNanos), quitOk.get(), stillOpen);
        System.out.println("connect+greeting+EHLO " + percentiles(setup));
        System.out.println("NOOP " + percentiles(noops));
        System.out.println("peak open " + peakOpen.get() + "; failures " + (failures.isEmpty() ? "none" : new TreeMap<>(failures)));
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }

    static void fail(String reason) {
        failures.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    static long failed() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) return "none";
        return String.format("%d samples, ms p50 %.1f p95 %.1f p99 %.1f max %.1f", h.getTotalCount(), h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(95) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
    }

    /** One session: greeting, EHLO, then a NOOP now and then until QUIT; all on its channel's event loop. */
    static final class Session extends ChannelInboundHandlerAdapter {
        private enum Stage { GREETING, EHLO, IDLE, NOOP, QUIT, DONE }

        private final long started = System.nanoTime();
        private ChannelHandlerContext ctx;
        private Stage stage = Stage.GREETING;
        private long noopSent;
        private boolean noopBeforeQuit;
        private boolean settled;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            channels.add(ctx.channel());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf line = (ByteBuf) msg;
            String text = line.toString(StandardCharsets.US_ASCII);
            line.release();
            if (text.length() >= 4 && text.charAt(3) == '-') return; // not the last line of a multi-line reply
            switch (stage) {
                case GREETING -> {
                    if (expect(text, "220")) send(Stage.EHLO, EHLO);
                }
                case EHLO -> {
                    if (expect(text, "250")) {
                        stage = Stage.IDLE;
                        setup.recordValue((System.nanoTime() - started) / 1000);
                        established.incrementAndGet();
                        settle();
                        scheduleNoop(ThreadLocalRandom.current().nextLong(noopNanos) + 1);
                    }
                }
                case NOOP -> {
                    if (expect(text, "250")) {
                        stage = Stage.IDLE;
                        noops.recordValue((System.nanoTime() - noopSent) / 1000);
                    }
                }
                case QUIT -> {
                    if (noopBeforeQuit) {
                        noopBeforeQuit = false;
                        if (expect(text, "250")) noops.recordValue((System.nanoTime() - noopSent) / 1000);
                    } else if (expect(text, "221")) {
                        quitOk.incrementAndGet();
                        stage = Stage.DONE;
                        ctx.close();
                    }
                }
                default -> failAndClose("a reply while idle: " + text);
            }
        }

        /** Sends QUIT (behind an unanswered NOOP, if any). */
        void quit() {
            ctx.executor().execute(() -> {
                if (stage == Stage.IDLE || stage == Stage.NOOP) {
                    noopBeforeQuit = stage == Stage.NOOP;
                    send(Stage.QUIT, QUIT);
                } else if (stage != Stage.DONE) { // still not through EHLO: already counted as not established
                    stage = Stage.DONE;
                    ctx.close();
                }
            });
        }

        private boolean expect(String text, String code) {
            if (text.startsWith(code)) return true;
            failAndClose(stage + " answered " + (text.length() >= 3 ? text.substring(0, 3) : text));
            return false;
        }

        private void failAndClose(String reason) {
            fail(reason);
            stage = Stage.DONE;
            ctx.close();
        }

        private void send(Stage next, byte[] command) {
            stage = next;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(command));
        }

        private void settle() {
            if (!settled) {
                settled = true;
                pending.decrementAndGet();
            }
        }

        private void scheduleNoop(long delayNanos) {
            ctx.executor().schedule(() -> {
                if (quitting || stage == Stage.DONE) return;
                if (stage == Stage.IDLE) { // else the last NOOP is still unanswered
                    noopSent = System.nanoTime();
                    send(Stage.NOOP, NOOP);
                }
                scheduleNoop(noopNanos);
            }, delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open.decrementAndGet();
            channels.remove(ctx.channel());
            settle();
            if (stage != Stage.DONE) fail("closed by the sink at " + stage);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (stage != Stage.DONE) failAndClose("error: " + cause.getClass().getSimpleName());
        }
    }
}
