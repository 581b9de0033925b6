package io.mailharness.gatling.netty;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Promise;

import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * What the SMTP and POP3 sessions share: the Netty channel on the virtual user's event loop, its protocol handler,
 * connecting (TLS first for implicit TLS), putting TLS under the session at the server's go-ahead, and running work
 * on the loop whatever thread asks.
 */
abstract class ClientChannel<H extends LineHandler<?>> {
    final MailClientConfig config;
    final EventLoop loop;
    final H handler;
    private Channel channel;

    ClientChannel(MailClientConfig config, EventLoop loop, H handler) {
        this.config = config;
        this.loop = loop;
        this.handler = handler;
    }

    /** The event loop the session lives on, where its futures complete. */
    public EventLoop loop() {
        return loop;
    }

    /** Connected, and no step has failed. Read it on the event loop. */
    public boolean isOpen() {
        return channel != null && channel.isActive() && handler.ended() == null;
    }

    /** Closes the connection without a word to the server; from any thread, safe to call more than once. */
    public void close() {
        closeOnLoop(handler::close);
    }

    /** Closes the connection once every reply owed now has come (at once when none is); from any thread. */
    public void closeWhenAnswered() {
        closeOnLoop(handler::closeWhenAnswered);
    }

    private void closeOnLoop(Runnable closing) {
        try {
            loop.execute(closing);
        } catch (RejectedExecutionException e) {
            if (channel != null) channel.close(); // the loop is shutting down
        }
    }

    /** The most octets of an unfinished line held between reads so far (what a hostile server made the session keep). */
    int peakKeptOctets() {
        return handler.peakKeptOctets();
    }

    ByteBufAllocator alloc() {
        if (channel == null) throw new IllegalStateException("not connected: connect() first");
        return channel.alloc();
    }

    /** Runs on the event loop; a mistake of the caller's (a step before connect) fails the future. */
    void onLoop(Promise<?> promise, Runnable work) {
        Runnable guarded = () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                promise.tryFailure(e);
            }
        };
        if (loop.inEventLoop()) guarded.run();
        else loop.execute(guarded);
    }

    /** Opens the TCP connection (on the loop); then {@code connected} runs, or {@code refused} learns why not. */
    void connect(InetSocketAddress address, String host, boolean implicitTls, Runnable connected, Consumer<ConnectionFailure> refused) {
        if (channel != null) throw new IllegalStateException("connect() twice");
        if (handler.ended() != null) { // closed before it connected (the run ended): no socket to leave open
            refused.accept(handler.ended());
            return;
        }
        ChannelFuture connecting = config.connect(loop, address, host, implicitTls, handler);
        channel = connecting.channel();
        connecting.addListener(f -> {
            if (f.isSuccess()) connected.run();
            else refused.accept(ConnectionFailure.of(f.cause()));
        });
    }

    /** The connection, for tests that look at its pipeline; null before {@code connect}. */
    Channel channel() {
        return channel;
    }

    /** Puts {@link ImmediateAcknowledgement} at the head of the connected channel's pipeline; returns the handler. */
    H acknowledgingAtOnce() {
        channel.pipeline().addFirst("immediate-ack", ImmediateAcknowledgement.INSTANCE); // once: a channel connects once
        return handler;
    }

    /**
     * At the server's go-ahead (STARTTLS's 220, STLS's +OK): refuses octets the server sent ahead of TLS (they would
     * be taken for replies to later commands; {@code sentAhead} says which rule that breaks), else puts TLS under
     * the session. {@code done} gets null once the handshake is through, or the failure that closed the connection.
     */
    void upgradeToTls(String host, int port, String sentAhead, Consumer<ConnectionFailure> done) {
        if (handler.receivedMore()) {
            handler.fail(ConnectionFailure.protocol(sentAhead));
            done.accept(handler.ended());
            return;
        }
        handler.startTls(config.newSslHandler(channel.alloc(), host, port)).addListener(h -> {
            if (h.isSuccess()) {
                done.accept(null);
            } else {
                handler.fail(ConnectionFailure.of(h.cause()));
                done.accept(handler.ended());
            }
        });
    }
}
