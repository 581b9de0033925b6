package io.mailharness.gatling.netty;

import io.mailharness.client.SmtpReply;
import io.mailharness.client.Transcript;
import io.netty.buffer.ByteBuf;

import java.io.EOFException;
import java.time.Duration;

/**
 * The SMTP client's end of one connection: replies assembled from their lines, each handed to the one awaiting it.
 * A reply nobody awaits ends the connection: a 421 (the server closing, RFC 5321 §3.8) as a close by the server,
 * anything else as a protocol failure. So does a reply that came before its command was sent (the server answered
 * one command twice), seen at the step answered twice when both replies came in one read, else at the next step.
 */
final class SmtpReplyHandler extends LineHandler<SmtpReplyHandler.Awaiting> {

    /** One who awaits an SMTP reply. */
    interface Awaiting extends LineHandler.Awaiting {
        void reply(SmtpReply reply, long endNanos);

        /** What it is called when more octets than {@code reply} came before any further command was sent. */
        default String sentAfter(SmtpReply reply, String next) {
            return "more replies than commands: " + next + " came after " + ConnectionFailure.shown(reply.firstLine());
        }
    }

    private final SmtpReplyAssembler assembler;
    /** When the last reply handed over arrived; before any, when the handler was made (before any command). */
    private long lastReplyNanos = System.nanoTime();

    SmtpReplyHandler(ReplyLimits limits, Duration stepTimeout) {
        super(limits, stepTimeout);
        this.assembler = new SmtpReplyAssembler(limits);
    }

    @Override
    protected void line(ByteBuf in, int start, int length) {
        SmtpReply reply;
        try {
            reply = assembler.line(in, start, length);
        } catch (SmtpReplyAssembler.Violation v) {
            fail(ConnectionFailure.protocol(v.getMessage()));
            return;
        }
        if (reply == null) return;
        long now = System.nanoTime();
        Awaiting awaited = awaited();
        if (awaited == null) {
            unclaimed(reply, "");
            return;
        }
        if (!awaitedBeforeThisRead()) {
            unclaimed(reply, " (it came before the command was sent)");
            return;
        }
        if (sentMoreThanAsked("421")) {
            fail(ConnectionFailure.protocol(awaited.sentAfter(reply, shownNext())));
            return;
        }
        claim().reply(reply, now);
        lastReplyNanos = now;
        closeIfAnswered();
    }

    /** When the last reply handed over arrived: a pipelined group's first stage is timed from it when it is later than the write. */
    long lastReplyNanos() {
        return lastReplyNanos;
    }

    private void unclaimed(SmtpReply reply, String when) {
        if (reply.code() == 421) {
            String problem = "connection closed by the server: " + Transcript.visible(reply.firstLine());
            fail(new ConnectionFailure(problem, new EOFException(problem)));
        } else {
            fail(ConnectionFailure.protocol("a reply no command asked for: " + ConnectionFailure.shown(reply.firstLine()) + when));
        }
    }
}
