package io.mailharness.gatling.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A client connection's end: writes commands; cuts what the server sends into lines (CRLF, or a bare LF, ends one)
 * within the line bound, keeping only an unfinished line between reads (nothing while the session is idle); hands
 * replies, in order, to those awaiting them (several at once when commands are pipelined), under the deadline of the
 * step, which restarts at each reply; and ends the connection on the first failure — a line past the bound, the
 * deadline, a reset, a close by the server — failing everyone still awaiting. The protocol handlers say what a line
 * means.
 */
abstract class LineHandler<A extends LineHandler.Awaiting> extends ChannelInboundHandlerAdapter {

    /** One who awaits a reply. Called on the event loop. */
    interface Awaiting {
        void failed(ConnectionFailure failure);
    }

    protected final ReplyLimits limits;
    private final Duration stepTimeout;
    protected ChannelHandlerContext ctx;
    private StepDeadline deadline;
    /** Octets of an unfinished line kept between reads; null when none. */
    private ByteBuf partial;
    /** How far into the unfinished line no line end was found, so a slow drip is not scanned again and again. */
    private int scannedOctets;
    private int peakKeptOctets;
    private ConnectionFailure ended;
    /** The octets being cut into lines now (while {@link #line} runs), else null. */
    private ByteBuf reading;
    /**
     * Of those awaiting a reply when the octets being read were received, how many are still unanswered: only they
     * can be answered by these octets, since a command written since cannot have been answered before it was sent.
     */
    private int awaitingBeforeThisRead;
    /** Reads from the socket so far, counted ahead of TLS, which may hand one read's octets on in several pieces. */
    private long socketReads;
    /** The socket read {@link #awaitingBeforeThisRead} was counted at. */
    private long countedAtRead = -1;

    LineHandler(ReplyLimits limits, Duration stepTimeout) {
        this.limits = limits;
        this.stepTimeout = stepTimeout;
    }

    /** One line, its content at {@code start} for {@code length} octets without the line end; {@code in} is past it. */
    protected abstract void line(ByteBuf in, int start, int length);

    /** The connection ended: forget any reply read halfway. */
    protected void forgetPartialReply() {}

    private final ArrayDeque<A> awaiting = new ArrayDeque<>(4);
    private boolean closeWhenAnswered;

    /** Queues one who awaits the next reply not yet claimed; a connection that has ended fails it at once. */
    final void await(A a) {
        if (ended != null) {
            a.failed(ended);
            return;
        }
        awaiting.add(a);
        if (awaiting.size() == 1) armDeadline();
    }

    /** Who awaits the reply being read, or null when nobody does. */
    protected final A awaited() {
        return awaiting.peek();
    }

    /** Takes who awaited the reply that just completed; the deadline now runs for the next one, if any. */
    protected final A claim() {
        A a = awaiting.poll();
        if (awaitingBeforeThisRead > 0) awaitingBeforeThisRead--;
        if (awaiting.isEmpty()) deadline.disarm();
        else armDeadline();
        return a;
    }

    /** Writes and flushes (the write releases the buffer). A failed write ends the connection, through exceptionCaught. */
    final void send(ByteBuf octets) {
        if (ended != null) {
            octets.release();
            return;
        }
        ctx.writeAndFlush(octets, ctx.voidPromise());
    }

    /** Writes without flushing: parts of one message, flushed by the {@link #send} or {@link #flush} that follows. */
    final void write(ByteBuf octets) {
        if (ended != null) {
            octets.release();
            return;
        }
        ctx.write(octets, ctx.voidPromise());
    }

    /** Flushes what {@link #write} wrote. */
    final void flush() {
        if (ended == null) ctx.flush();
    }

    /**
     * Flushes once the event loop has run what is queued on it now: a user handed over mid-transaction (RFC 2920
     * grouping) sends its next commands with these octets, or, doing something else, still gets them out at once.
     */
    final void flushSoon() {
        ctx.executor().execute(this::flush);
    }

    /** Closes the connection from this side (after QUIT, or when the caller gives up on it). */
    final void close() {
        fail(ConnectionFailure.closedByClient());
    }

    /** Closes at once when no reply is owed, else as soon as the last one owed has been handed over (a user leaving with its end-of-data reply still to come). */
    final void closeWhenAnswered() {
        if (awaiting.isEmpty()) close();
        else closeWhenAnswered = true;
    }

    /** After a reply was handed over: closes if that was the last one owed to a {@link #closeWhenAnswered()}. */
    protected final void closeIfAnswered() {
        if (closeWhenAnswered && awaiting.isEmpty()) close();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.pipeline().addFirst("socket-reads", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext first, Object msg) {
                socketReads++;
                first.fireChannelRead(msg);
            }
        });
        this.deadline = new StepDeadline(ctx.executor(), () -> fail(ConnectionFailure.timedOut(stepTimeout)));
    }

    private void armDeadline() {
        deadline.arm(stepTimeout.toNanos());
    }

    /** Why the connection ended, or null while it is usable. */
    final ConnectionFailure ended() {
        return ended;
    }

    /** The most octets of an unfinished line held between reads so far (what a hostile server made it keep). */
    final int peakKeptOctets() {
        return peakKeptOctets;
    }

    /** Octets held between reads now. */
    final int keptOctets() {
        return partial == null ? 0 : partial.readableBytes();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf received)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (ended != null) {
            received.release();
            return;
        }
        ByteBuf in = partial == null ? received : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), partial, received);
        partial = null;
        reading = in;
        if (countedAtRead != socketReads) { // a new socket read; a further piece of the same one keeps the count
            countedAtRead = socketReads;
            awaitingBeforeThisRead = awaiting.size();
        }
        try {
            cutLines(in);
        } finally {
            reading = null;
            if (ended == null && in.isReadable()) {
                partial = in;
                peakKeptOctets = Math.max(peakKeptOctets, in.readableBytes());
            } else {
                in.release();
            }
        }
    }

    private void cutLines(ByteBuf in) {
        while (ended == null && in.isReadable()) {
            int from = in.readerIndex() + scannedOctets;
            int lf = in.indexOf(from, in.writerIndex(), (byte) '\n');
            int start = in.readerIndex();
            if (lf < 0) {
                scannedOctets = in.readableBytes();
                if (scannedOctets > limits.lineOctets() + 1) fail(ConnectionFailure.lineTooLong(limits.lineOctets())); // +1: the CR of a line end
                return;
            }
            int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            if (end - start > limits.lineOctets()) {
                fail(ConnectionFailure.lineTooLong(limits.lineOctets()));
                return;
            }
            in.readerIndex(lf + 1);
            scannedOctets = 0;
            line(in, start, end - start);
        }
    }

    /** Whether octets past the line being handled have arrived already (a server that did not wait for a command). */
    protected final boolean receivedMore() {
        return reading != null && reading.isReadable();
    }

    /**
     * Whether the reply whose last line is being handled can answer the command awaited: that command was sent
     * before the octets now being read arrived. Called from {@link #line}.
     */
    protected final boolean awaitedBeforeThisRead() {
        return awaitingBeforeThisRead > 0;
    }

    /**
     * Whether octets came after the reply being handled, in the same read, though no other command sent before them
     * awaits a reply: the server said more than it was asked. Octets starting with {@code closingPrefix} are let
     * through, as a server closing the connection may say so unasked. Called from {@link #line}.
     */
    protected final boolean sentMoreThanAsked(String closingPrefix) {
        if (awaitingBeforeThisRead != 1 || !receivedMore()) return false;
        int n = Math.min(closingPrefix.length(), reading.readableBytes());
        for (int i = 0; i < n; i++) {
            if (reading.getByte(reading.readerIndex() + i) != closingPrefix.charAt(i)) return true;
        }
        return false;
    }

    /** The first octets that came after the line being handled, as {@link ConnectionFailure#shown} shows them. */
    protected final String shownNext() {
        int n = Math.min(reading.readableBytes(), 80);
        String next = reading.toString(reading.readerIndex(), n, StandardCharsets.ISO_8859_1);
        int end = next.indexOf('\n');
        return ConnectionFailure.shown(end < 0 ? next : next.substring(0, end > 0 && next.charAt(end - 1) == '\r' ? end - 1 : end));
    }

    /**
     * Puts TLS under this handler now, at the server's go-ahead (STARTTLS's 220, STLS's +OK). Octets already
     * received came in plaintext: the caller refuses them before (RFC 3207 §4.2, RFC 2595 §4).
     */
    protected final Future<?> startTls(SslHandler ssl) {
        ctx.pipeline().addBefore(ctx.name(), "tls", ssl);
        return ssl.handshakeFuture();
    }

    /** Ends the connection with this failure (the first one counts), failing every step awaited. */
    protected final void fail(ConnectionFailure failure) {
        if (ended != null) return;
        ended = failure;
        if (deadline != null) deadline.stop();
        releasePartial();
        forgetPartialReply();
        for (A a; (a = awaiting.poll()) != null; ) a.failed(failure);
        if (ctx != null) ctx.close(); // null: never connected
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ConnectionFailure.closedByServer());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ConnectionFailure.of(cause));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePartial();
    }

    private void releasePartial() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
        scannedOctets = 0;
    }
}
