package io.mailharness.gatling.netty;

import io.gatling.netty.util.Transports;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * The socket layer of the clients: the channel class that matches the event loop a connection runs on. Gatling puts
 * every virtual user on a loop of its own group — Linux epoll when the native transport loads (its default,
 * {@code gatling.netty.useNativeTransport}), io_uring when asked, the JDK's NIO elsewhere — and a channel must be of
 * the loop's kind, so the loop decides.
 */
public final class ClientTransport {
    private ClientTransport() {}

    /** Socket channels of the kind {@code loop} serves. */
    static ChannelFactory<Channel> socketChannels(EventLoop loop) {
        return switch (name(loop)) {
            case "epoll" -> EpollSocketChannel::new;
            case "io_uring" -> IoUringSocketChannel::new;
            default -> NioSocketChannel::new;
        };
    }

    /** "epoll", "io_uring" or "nio": the I/O kind of the loop. */
    public static String name(EventLoop loop) {
        if (loop instanceof IoEventLoop io) {
            if (io.isIoType(EpollIoHandler.class)) return "epoll";
            if (io.isIoType(IoUringIoHandler.class)) return "io_uring";
        }
        return "nio";
    }

    /**
     * Event loops made as Gatling makes its own (native epoll where it loads), for running the clients outside a
     * simulation: tests and benchmarks.
     */
    public static EventLoopGroup newEventLoopGroup(int threads, String threadName) {
        return Transports.newEventLoopGroup(true, false, threads, threadName);
    }
}
