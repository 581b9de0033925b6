package io.mailharness.gatling.netty;

import io.mailharness.client.SocketTally;
import io.mailharness.client.TlsTrust;
import io.mailharness.settings.SettingsException;
import io.mailharness.settings.TlsSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What every SMTP and POP3 client connection of a run shares: TLS trust (core's {@link TlsTrust}: the JDK's or a
 * given trust store, or none when {@code tls.verify = false}, with host name checks when verifying), the connect
 * timeout, the deadline of each step (how long one step may wait for its whole reply, a TLS handshake included), and
 * the reply bounds, the tally told of every socket opened and closed, and {@link ReplyGathering} (off unless set).
 * Built once per run; thread-safe.
 */
public final class MailClientConfig {
    private final TlsSettings tls;
    private final Duration connectTimeout;
    private final Duration stepTimeout;
    private final ReplyLimits limits;
    private final SocketTally sockets;
    private final ReplyGathering gathering;
    private volatile SslContext sslContext;

    public MailClientConfig(TlsSettings tls, Duration connectTimeout, Duration stepTimeout, ReplyLimits limits) {
        this(tls, connectTimeout, stepTimeout, limits, SocketTally.NONE, ReplyGathering.OFF);
    }

    public MailClientConfig(TlsSettings tls, Duration connectTimeout, Duration stepTimeout, ReplyLimits limits, SocketTally sockets,
                            ReplyGathering gathering) {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || stepTimeout.isNegative() || stepTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: connect " + connectTimeout + ", step " + stepTimeout);
        }
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.stepTimeout = stepTimeout;
        this.limits = limits;
        this.sockets = sockets;
        this.gathering = gathering;
    }

    public TlsSettings tls() {
        return tls;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration stepTimeout() {
        return stepTimeout;
    }

    public ReplyLimits limits() {
        return limits;
    }

    /** Opens a TCP connection on {@code loop} (the virtual user's) with these handlers, TLS first when implicit. */
    ChannelFuture connect(EventLoop loop, InetSocketAddress address, String tlsHost, boolean implicitTls, ChannelHandler handler) {
        ChannelFuture connecting = new Bootstrap()
                .group(loop)
                .channelFactory(ClientTransport.socketChannels(loop))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (gathering.on()) ch.pipeline().addLast("gathering", gathering);
                        if (implicitTls) ch.pipeline().addLast("tls", newSslHandler(ch.alloc(), tlsHost, address.getPort()));
                        ch.pipeline().addLast("mail", handler);
                    }
                })
                .connect(address);
        // counted from the attempt to the close, as the blocking client's sockets are
        sockets.opened();
        connecting.channel().closeFuture().addListener(f -> sockets.closed());
        return connecting;
    }

    /** A client-side TLS handler for this server, its handshake bounded by the step timeout. */
    SslHandler newSslHandler(ByteBufAllocator alloc, String host, int port) {
        SslHandler ssl = sslContext().newHandler(alloc, host, port);
        ssl.setHandshakeTimeout(stepTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return ssl;
    }

    /** The TLS context, built on first use: OpenSSL when Netty's native library loads (as Gatling prefers), else the JDK's. */
    private SslContext sslContext() {
        SslContext c = sslContext;
        if (c == null) {
            synchronized (this) {
                if (sslContext == null) sslContext = buildSslContext(tls);
                c = sslContext;
            }
        }
        return c;
    }

    private static SslContext buildSslContext(TlsSettings tls) {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .trustManager(TlsTrust.trustManager(tls))
                    // Netty checks host names by default; the explicit opt-out of verification turns that off too.
                    .endpointIdentificationAlgorithm(tls.verify() ? "HTTPS" : null)
                    .build();
        } catch (SSLException e) {
            throw new SettingsException("tls", "cannot create a TLS context: " + e.getMessage());
        }
    }
}
