package io.mailharness.gatling.netty;

import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * Acknowledges what a POP3 server sends at once, not on the kernel's delayed-ACK timer. A server that writes a
 * multi-line reply (RETR, UIDL, LIST) in pieces with Nagle's algorithm on holds each small piece until the previous
 * one is acknowledged, so a retrieval would otherwise stall about 40 ms on the client's own delayed ACK, and the
 * measured RETR time would be the injector's, not the server's. Linux leaves quick-ACK mode by itself, hence after
 * every read. Native epoll only; on another transport nothing changes.
 */
@ChannelHandler.Sharable
final class ImmediateAcknowledgement extends ChannelInboundHandlerAdapter {
    static final ImmediateAcknowledgement INSTANCE = new ImmediateAcknowledgement();

    private ImmediateAcknowledgement() {}

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ctx.channel() instanceof EpollSocketChannel epoll && epoll.isActive()) {
            try {
                epoll.config().setTcpQuickAck(true);
            } catch (ChannelException closing) {
                // the socket closed under us: nothing left to acknowledge
            }
        }
        ctx.fireChannelReadComplete();
    }
}
