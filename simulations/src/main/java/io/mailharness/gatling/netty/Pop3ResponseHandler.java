package io.mailharness.gatling.netty;

import io.mailharness.client.Pop3Reply;
import io.netty.buffer.ByteBuf;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The POP3 client's end of one connection (RFC 1939 §3): writes commands and reads each response for the one
 * awaiting it: a status line, and after a +OK to a command that has one, the multi-line body up to the "." line — a
 * listing kept within {@link ReplyLimits#replyOctets()} and {@link ReplyLimits#replyLines()}, or a message streamed
 * through a {@link MessageReceiver}. The octet bounds count the whole response as it comes, status line and final
 * "." line included, as the blocking client does. A status line that is neither +OK nor -ERR, or a response nobody awaits, ends the connection (an
 * unclaimed -ERR as the server closing it); so does a response that came before its command was sent.
 */
final class Pop3ResponseHandler extends LineHandler<Pop3ResponseHandler.Awaiting> {

    /** What follows a +OK to the command. */
    enum Body { NONE, LISTING, MESSAGE, TOP }

    /** One who awaits a POP3 response. */
    interface Awaiting extends LineHandler.Awaiting {
        Body body();

        void response(Pop3Reply reply, RetrievedMessage message, long endNanos);

        /** What it is called when more octets than the response to {@code statusLine} came before any further command was sent. */
        default String sentAfter(String statusLine, String next) {
            return "more responses than commands: " + next + " came after " + ConnectionFailure.shown(statusLine);
        }
    }
    /** The +OK line of the multi-line response being read, else null. */
    private String status;
    private List<String> listing;
    private int listingOctets;
    private MessageReceiver receiver;
    /** What the retrieval the connection ended in had shown, until taken. */
    private RetrievedMessage cutOff;

    Pop3ResponseHandler(ReplyLimits limits, Duration stepTimeout) {
        super(limits, stepTimeout);
    }

    @Override
    protected void line(ByteBuf in, int start, int length) {
        if (status != null) {
            bodyLine(in, start, length);
            return;
        }
        String line = in.toString(start, length, StandardCharsets.ISO_8859_1);
        boolean ok = line.startsWith("+OK");
        Awaiting a = awaited();
        if (a == null) {
            unclaimed(line, "");
        } else if (!awaitedBeforeThisRead()) {
            unclaimed(line, " (it came before the command was sent)");
        } else if (!ok && !line.startsWith("-ERR")) {
            fail(ConnectionFailure.protocol("not a POP3 status line: " + ConnectionFailure.shown(line)));
        } else if (ok && a.body() != Body.NONE) {
            status = line;
            int statusOctets = in.readerIndex() - start; // the line end included: the whole response is bounded
            if (a.body() == Body.LISTING) {
                listing = new ArrayList<>();
                listingOctets = statusOctets;
            } else {
                receiver = new MessageReceiver(limits.messageOctets(), statusOctets, a.body() == Body.MESSAGE, ctx.alloc());
            }
        } else {
            complete(new Pop3Reply(line, List.of()), null);
        }
    }

    private void bodyLine(ByteBuf in, int start, int length) {
        if (receiver != null) {
            try {
                if (receiver.line(in, start, length)) complete(new Pop3Reply(status, List.of()), receiver.result());
            } catch (MessageReceiver.TooLong e) {
                fail(ConnectionFailure.protocol(e.getMessage()));
            }
            return;
        }
        listingOctets += in.readerIndex() - start; // the line as it came, its line end included
        if (listingOctets > limits.replyOctets()) {
            fail(ConnectionFailure.protocol("reply longer than " + limits.replyOctets() + " octets"));
            return;
        }
        if (length == 1 && in.getByte(start) == '.') {
            complete(new Pop3Reply(status, listing), null);
            return;
        }
        if (listing.size() >= limits.replyLines()) {
            fail(ConnectionFailure.protocol("reply longer than " + limits.replyLines() + " lines"));
            return;
        }
        listing.add(in.toString(start, length, StandardCharsets.ISO_8859_1));
    }

    private void complete(Pop3Reply reply, RetrievedMessage message) {
        // After a message, octets past its "." line are most likely the rest of a message the server did not
        // byte-stuff: the message is handed over, its digest tells the damage, and the next step sees the surplus.
        if (message == null && sentMoreThanAsked("-ERR")) {
            fail(ConnectionFailure.protocol(awaited().sentAfter(reply.statusLine(), shownNext())));
            return;
        }
        long now = System.nanoTime();
        status = null;
        listing = null;
        receiver = null;
        claim().response(reply, message, now);
    }

    private void unclaimed(String line, String when) {
        if (line.startsWith("-ERR")) {
            String problem = "connection closed by the server: " + ConnectionFailure.shown(line);
            fail(new ConnectionFailure(problem, new EOFException(problem)));
        } else {
            fail(ConnectionFailure.protocol("a response no command asked for: " + ConnectionFailure.shown(line) + when));
        }
    }

    /** What the retrieval the connection ended in had shown (its stamp, if it had arrived), once; else null. */
    RetrievedMessage takeCutOff() {
        RetrievedMessage m = cutOff;
        cutOff = null;
        return m;
    }

    @Override
    protected void forgetPartialReply() {
        if (receiver != null) cutOff = receiver.cutOff();
        status = null;
        listing = null;
        receiver = null;
    }

    @Override
    public void handlerRemoved(io.netty.channel.ChannelHandlerContext ctx) {
        if (receiver != null) receiver.release();
        super.handlerRemoved(ctx);
    }
}
