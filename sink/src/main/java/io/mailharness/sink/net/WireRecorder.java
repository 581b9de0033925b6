package io.mailharness.sink.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.util.function.BiConsumer;

/**
 * Copies every octet a connection reads and writes, before the session handler sees them and after it wrote
 * them, so a recording is what crossed the wire. First in the pipeline; passes everything on unchanged.
 */
public final class WireRecorder extends ChannelDuplexHandler {
    private final BiConsumer<Boolean, byte[]> sink;
    private final Runnable onClose;

    /** @param sink told (fromClient, octets) for each read and write; {@code onClose} when the connection ends */
    public WireRecorder(BiConsumer<Boolean, byte[]> sink, Runnable onClose) {
        this.sink = sink;
        this.onClose = onClose;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf in) sink.accept(true, ByteBufUtil.getBytes(in));
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf out) sink.accept(false, ByteBufUtil.getBytes(out));
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        onClose.run();
        ctx.fireChannelInactive();
    }
}
