package io.mailharness.gatling.netty;

import io.mailharness.gatling.MailEngine;
import io.mailharness.settings.SettingsException;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reply gathering, {@code -Dmailharness.replyGatheringMicros=N} (0, the default: off). While replies keep coming, an
 * event loop naps N µs between its passes instead of waiting in epoll, and reads together the replies that came
 * meanwhile: the server never has to wake the injector for each reply. That wake-up costs the server CPU where it
 * shares cores with the injector. The price: a reply that arrives during a nap is timed at the loop's next pass, up
 * to the nap (and the timer's slack) late. After {@value #IDLE_NAPS} naps without a read the loop waits in epoll
 * again, so a reply after a pause, such as one the server delays, is timed as without gathering.
 */
@ChannelHandler.Sharable
public final class ReplyGathering extends ChannelInboundHandlerAdapter {
    public static final String PROPERTY = "mailharness.replyGatheringMicros";
    public static final ReplyGathering OFF = new ReplyGathering(0);
    static final int IDLE_NAPS = 20;
    private static final int MAX_NAP_MICROS = 1000;
    private static final ConcurrentHashMap<Long, ReplyGathering> BY_NAP = new ConcurrentHashMap<>();

    private final long napNanos;
    private final FastThreadLocal<LoopNaps> loops = new FastThreadLocal<>() {
        @Override
        protected LoopNaps initialValue() {
            return new LoopNaps();
        }
    };

    ReplyGathering(long napMicros) {
        this.napNanos = TimeUnit.MICROSECONDS.toNanos(napMicros);
    }

    /**
     * The run's setting; a bad value is a one-line settings error. One instance per nap length, so that a run with
     * several mail protocols still naps once per pass on each loop.
     */
    public static ReplyGathering fromProperty() {
        long micros = napMicros(System.getProperty(PROPERTY));
        return micros == 0 ? OFF : BY_NAP.computeIfAbsent(micros, ReplyGathering::new);
    }

    /** The run's setting for this engine: gathering is refused with the blocking engine, which has no event loop to nap. */
    public static ReplyGathering forEngine(MailEngine engine) {
        ReplyGathering gathering = fromProperty();
        if (gathering.on() && engine != MailEngine.NETTY) {
            throw new SettingsException(PROPERTY, "gathers replies on the netty engine only, not with " + MailEngine.PROPERTY + "=" + engine.name().toLowerCase(java.util.Locale.ROOT));
        }
        return gathering;
    }

    static long napMicros(String value) {
        if (value == null || value.isBlank()) return 0;
        long micros;
        try {
            micros = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new SettingsException(PROPERTY, "not a whole number of microseconds: '" + value.strip() + "'");
        }
        if (micros < 0 || micros > MAX_NAP_MICROS) throw new SettingsException(PROPERTY, micros + " is outside 0.." + MAX_NAP_MICROS + " µs");
        return micros;
    }

    public boolean on() {
        return napNanos > 0;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        readOn(ctx.channel().eventLoop());
        ctx.fireChannelRead(msg);
    }

    /** A read on {@code loop}, on its own thread: it naps between passes from now on, until reads stop. */
    void readOn(EventLoop loop) {
        LoopNaps state = loops.get();
        state.reads++;
        if (!state.napping) {
            state.napping = true;
            state.loop = loop;
            // scheduled rather than queued: the loop polls its sockets, without blocking, between two naps
            loop.schedule(state, 0, TimeUnit.NANOSECONDS);
        }
    }

    /** Naps the calling loop has taken so far; on the loop's own thread. */
    long naps() {
        return loops.get().naps;
    }

    /** Whether the calling loop is napping between passes (false: it waits in epoll); on the loop's own thread. */
    boolean napping() {
        return loops.get().napping;
    }

    /** One loop's naps: each a scheduled task, so that the loop reads its sockets in between. */
    private final class LoopNaps implements Runnable {
        boolean napping;
        long reads;
        long readsSeen;
        int idleNaps;
        long naps;
        EventLoop loop;

        @Override
        public void run() {
            if (loop.isShuttingDown()) {
                napping = false;
                return;
            }
            if (reads != readsSeen) {
                readsSeen = reads;
                idleNaps = 0;
            } else if (++idleNaps > IDLE_NAPS) {
                idleNaps = 0;
                napping = false;
                return;
            }
            LockSupport.parkNanos(napNanos);
            naps++;
            loop.schedule(this, 0, TimeUnit.NANOSECONDS);
        }
    }
}
