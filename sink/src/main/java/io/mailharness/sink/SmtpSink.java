package io.mailharness.sink;

import io.mailharness.sink.net.SessionHandler;
import io.mailharness.sink.net.WireRecorder;
import io.mailharness.sink.pop3.Pop3Service;
import io.mailharness.sink.pop3.Pop3SessionHandler;
import io.mailharness.sink.smtp.SmtpService;
import io.mailharness.sink.smtp.SmtpSessionHandler;
import io.mailharness.sink.store.KeptMessage;
import io.mailharness.sink.store.Maildrops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.timeout.IdleStateHandler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Mailharness's SMTP sink: accepts mail as fast as the machine allows and discards it, or keeps it for POP3, with
 * exact per-stage delays and faults. Every connection lives on a Netty event loop (no thread per connection, no
 * buffer while idle), so an idle session costs under 2 KiB of heap; the open-file limit ({@code ulimit -n}) is
 * then what bounds their number.
 *
 * <pre>{@code
 * try (SmtpSink sink = SmtpSink.start(SinkSettings.defaults().withPlan(StagePlan.of(
 *         List.of(StageDelay.parse("rcpt=200ms")), List.of(), List.of())))) {
 *     int port = sink.smtpAddress().getPort();
 *     ...
 *     System.out.println(sink.counters().summaryLine());
 * }
 * }</pre>
 */
public final class SmtpSink implements AutoCloseable {
    private final SinkSettings settings;
    private final Transport transport;
    private final EventLoopGroup group;
    private final SinkCounters counters;
    private final Maildrops maildrops;
    private final Channel smtpListener;
    private final Channel pop3Listener;
    private final Recordings recordings;

    private SmtpSink(SinkSettings settings, Transport transport, EventLoopGroup group, SinkCounters counters, Maildrops maildrops,
                     Channel smtpListener, Channel pop3Listener, Recordings recordings) {
        this.settings = settings;
        this.transport = transport;
        this.group = group;
        this.counters = counters;
        this.maildrops = maildrops;
        this.smtpListener = smtpListener;
        this.pop3Listener = pop3Listener;
        this.recordings = recordings;
    }

    /** The SMTP sessions recorded so far, oldest first (bounded: sessions past {@link #RECORDED_SESSIONS} are not recorded). */
    private static final class Recordings {
        private final java.util.List<SessionRecording> sessions = new java.util.ArrayList<>();

        synchronized SessionRecording open(String peer) {
            if (sessions.size() >= RECORDED_SESSIONS) return null;
            SessionRecording recording = new SessionRecording(peer);
            sessions.add(recording);
            return recording;
        }

        synchronized List<SessionRecording> all() {
            return List.copyOf(sessions);
        }
    }

    /** The most SMTP sessions one sink records when {@link SinkSettings#recordSessions()} is set. */
    public static final int RECORDED_SESSIONS = 1000;

    /**
     * Listens for SMTP (and, when messages are kept, POP3) on the settings' address. A port that cannot be bound is
     * an {@link IOException} whose message names the address.
     */
    public static SmtpSink start(SinkSettings settings) throws IOException {
        Transport transport = Transport.choose(settings.nativeTransport());
        int threads = settings.ioThreads() > 0 ? settings.ioThreads() : Runtime.getRuntime().availableProcessors();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, transport.ioHandlers());
        SinkCounters counters = new SinkCounters();
        SinkLimits limits = settings.limits();
        Maildrops maildrops = settings.keepMessages() ? new Maildrops(limits.keptMessages(), limits.keptOctets()) : null;
        try {
            SmtpService smtp = new SmtpService(settings.hostname(), limits, settings.plan(), counters, maildrops);
            Recordings recordings = settings.recordSessions() ? new Recordings() : null;
            Channel smtpListener = listen(settings, transport, group, settings.smtpPort(), "SMTP", () -> new SmtpSessionHandler(smtp), recordings);
            Channel pop3Listener = null;
            if (maildrops != null) {
                Pop3Service pop3 = new Pop3Service(maildrops, limits, counters);
                pop3Listener = listen(settings, transport, group, settings.pop3Port(), "POP3", () -> new Pop3SessionHandler(pop3), null);
            }
            return new SmtpSink(settings, transport, group, counters, maildrops, smtpListener, pop3Listener, recordings);
        } catch (IOException | RuntimeException e) {
            shutDown(group);
            throw e;
        }
    }

    private static Channel listen(SinkSettings settings, Transport transport, EventLoopGroup group, int port, String protocol,
                                  Supplier<SessionHandler> sessions, Recordings recordings) throws IOException {
        long idleNanos = settings.limits().idleTimeout().toNanos();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, settings.backlog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // reads start small: most of what a session receives is a short command line
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 512, 64 * 1024))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SessionRecording recording = recordings == null ? null : recordings.open(String.valueOf(ch.remoteAddress()));
                        if (recording != null) {
                            ch.pipeline().addLast(new WireRecorder((fromClient, octets) -> recording.add(
                                    fromClient ? SessionRecording.Direction.CLIENT : SessionRecording.Direction.SINK, octets), recording::close));
                        }
                        ch.pipeline().addLast(new IdleStateHandler(false, idleNanos, 0, 0, TimeUnit.NANOSECONDS), sessions.get());
                    }
                });
        ChannelFuture bound = bootstrap.bind(settings.host(), port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            java.net.BindException refused = new java.net.BindException("cannot listen for " + protocol + " on " + settings.host() + ":" + port + ": "
                    + (cause == null ? "unknown reason" : cause.getMessage()));
            refused.initCause(cause);
            throw refused;
        }
        return bound.channel();
    }

    public InetSocketAddress smtpAddress() {
        return (InetSocketAddress) smtpListener.localAddress();
    }

    /** The POP3 address, present when messages are kept. */
    public Optional<InetSocketAddress> pop3Address() {
        return Optional.ofNullable(pop3Listener).map(c -> (InetSocketAddress) c.localAddress());
    }

    /** "epoll" or "nio". */
    public String transport() {
        return transport.name();
    }

    public SinkSettings settings() {
        return settings;
    }

    public CounterSnapshot counters() {
        return counters.snapshot(maildrops == null ? 0 : maildrops.size());
    }

    /** The messages kept for this recipient now (empty when the sink discards messages). */
    public List<KeptMessage> keptMessages(String recipient) {
        return maildrops == null ? List.of() : maildrops.messages(recipient);
    }

    /** Every SMTP session recorded so far, oldest first; empty unless {@link SinkSettings#recordSessions()}. */
    public List<SessionRecording> recordedSessions() {
        return recordings == null ? List.of() : recordings.all();
    }

    /** Stops listening, closes every session and waits (a few seconds at most) for the event loops to end. */
    @Override
    public void close() {
        smtpListener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        if (pop3Listener != null) pop3Listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        shutDown(group);
    }

    private static void shutDown(EventLoopGroup group) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
