package io.mailharness.sink.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * One connection's input, consumed in order and never faster than its replies go out. Received octets wait in one
 * buffer only while a line or chunk is incomplete, so an idle connection holds none. Reading stops while a reply
 * is delayed ({@link #hold()}) and while the client does not read the replies it gets (the channel is not
 * writable), so neither pipelined input nor unread output can grow past one read.
 */
public abstract class SessionHandler extends ChannelInboundHandlerAdapter {
    protected ChannelHandlerContext ctx;
    private ByteBuf input;
    private boolean held;
    private boolean closing;
    private boolean reading = true;

    /**
     * Consumes what it can of the input (a command line, a part of the message data…). Returns false when it
     * needs more input to go on.
     */
    protected abstract boolean consumeFrom(ByteBuf in);

    /** The connection sent nothing for the idle timeout. */
    protected abstract void idle();

    /** Counts octets received, before they are consumed. */
    protected void received(int octets) {}

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (closing) {
            in.release();
            return;
        }
        received(in.readableBytes());
        input = input == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), input, in);
        consume();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            consume();
            ctx.flush();
        } else {
            updateReading();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent)) ctx.fireUserEventTriggered(evt);
        else if (closing) ctx.close(); // a last reply the client never read: stop waiting for it
        else idle();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset by the peer and the like: the session is over
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        if (input != null) {
            input.release();
            input = null;
        }
        ctx.fireChannelInactive();
    }

    /** Consumes buffered input until it runs out, a reply is held, the connection closes or output backs up. */
    protected final void consume() {
        while (!held && !closing && ctx.channel().isWritable() && input != null && input.isReadable()) {
            if (!consumeFrom(input)) break;
        }
        if (input != null) {
            if (!input.isReadable()) {
                input.release();
                input = null;
            } else {
                input.discardSomeReadBytes();
            }
        }
        updateReading();
    }

    /** Stops consuming input (and reading) until {@link #resume()}: a reply is being delayed. */
    protected final void hold() {
        held = true;
        updateReading();
        ctx.flush();
    }

    /** Sends the replies so far and goes on with the input held back. */
    protected final void resume() {
        held = false;
        consume();
        ctx.flush();
    }

    protected final void send(byte[] reply) {
        ctx.write(Unpooled.wrappedBuffer(reply), ctx.voidPromise());
    }

    /** Sends the reply, then closes the connection; any further input is ignored. */
    protected final void sendAndClose(byte[] reply) {
        closing = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(reply)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes the connection without a reply; replies already written go out if the socket takes them now. */
    protected final void closeNow() {
        closing = true;
        ctx.flush();
        ctx.close();
    }

    protected final boolean isClosing() {
        return closing;
    }

    private void updateReading() {
        boolean read = !held && !closing && ctx.channel().isWritable();
        if (read != reading) {
            reading = read;
            ctx.channel().config().setAutoRead(read);
        }
    }
}
