package io.mailharness.gatling.netty;

import io.mailharness.client.SmtpReply;
import io.mailharness.gatling.check.SmtpStage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.Promise;

import java.util.ArrayList;
import java.util.List;

/**
 * One mail transaction on an open session, on its event loop: MAIL FROM, a RCPT TO per forward-path, DATA, and after
 * the 354 the mail data and the end-of-data line, each reply a step told to the listener. One command at a time, or
 * (RFC 2920) MAIL, the RCPTs and DATA in one write: each reply is then timed from the previous one (MAIL's from the
 * write, or from the reply before it when that came later), so the stages add up to the envelope's time either way.
 *
 * <p>Pipelined, the caller may be handed over once the mail data and end-of-data are written but not yet flushed:
 * its next transaction's MAIL, RCPTs and DATA then go in the same write (RFC 2920 §3.1: the message content first,
 * DATA last), its MAIL timed from this end-of-data reply. The flush follows anyway once the event loop has run what
 * the hand-over queued, so a caller doing something else does not hold the message back.
 *
 * <p>A refused MAIL, or no recipient accepted, stops the transaction; pipelined replies still owed are read without
 * being told, and a 354 nobody wants is answered with the end-of-data line alone, so the session stays in step for
 * the next transaction. A 421 closes the connection (RFC 5321 §3.8).
 */
final class SmtpTransaction {
    private final SmtpReplyHandler handler;
    private final ByteBufAllocator alloc;
    private final String reversePath;
    private final List<String> forwardPaths;
    private final OutgoingMessage message;
    private final boolean pipelined;
    private final StepListener<SmtpStep> steps;
    /** Runs when the mail data and end-of-data are written (pipelined only); null: they are flushed at once. */
    private final Runnable contentWritten;
    private final Promise<SmtpTransactionResult> promise;
    private final List<String> accepted;
    private long startNanos;
    /** When the stage awaited now started: its command's write, or (pipelined) the previous reply. */
    private long stageStart;
    private int rcptReplies;
    private SmtpReply lastRefusal;
    /** The stage that refused, once one has; replies after it are read without being told. */
    private SmtpStage stoppedAt;
    private SmtpReply stopReply;
    private boolean done;

    SmtpTransaction(SmtpReplyHandler handler, ByteBufAllocator alloc, String reversePath, List<String> forwardPaths, OutgoingMessage message,
                    boolean pipelined, StepListener<SmtpStep> steps, Runnable contentWritten, Promise<SmtpTransactionResult> promise) {
        if (forwardPaths.isEmpty()) throw new IllegalArgumentException("a mail transaction needs at least one forward-path");
        this.handler = handler;
        this.alloc = alloc;
        this.reversePath = reversePath;
        this.forwardPaths = forwardPaths;
        this.message = message;
        this.pipelined = pipelined;
        this.steps = steps;
        this.contentWritten = pipelined ? contentWritten : null;
        this.promise = promise;
        this.accepted = new ArrayList<>(forwardPaths.size());
    }

    void start() {
        ByteBuf command = pipelined ? SmtpCommands.envelopeGroup(alloc, reversePath, forwardPaths)
                : SmtpCommands.mail(alloc, reversePath);
        startNanos = stageStart = System.nanoTime();
        handler.await(new Awaited(SmtpStage.MAIL));
        if (pipelined) {
            for (int i = 0; i < forwardPaths.size(); i++) handler.await(new Awaited(SmtpStage.RCPT));
            handler.await(new Awaited(SmtpStage.DATA));
        }
        handler.send(command);
    }

    /** One reply the transaction asked for, and the stage it answers. */
    private final class Awaited implements SmtpReplyHandler.Awaiting {
        private final SmtpStage stage;

        Awaited(SmtpStage stage) {
            this.stage = stage;
        }

        @Override
        public void reply(SmtpReply reply, long endNanos) {
            if (done) return;
            try {
                switch (stage) {
                    case MAIL -> mail(reply, endNanos);
                    case RCPT -> rcpt(reply, endNanos);
                    case DATA -> data(reply, endNanos);
                    case END_OF_DATA -> endOfData(reply, endNanos);
                    default -> throw new IllegalStateException("not a transaction stage: " + stage);
                }
            } catch (RuntimeException e) {
                abort(e);
            }
        }

        @Override
        public void failed(ConnectionFailure failure) {
            if (done) return;
            if (stoppedAt != null) {
                finish(); // refused already: the refusal is the outcome, the connection is gone after it
                return;
            }
            done = true;
            try {
                steps.step(new SmtpStep(stage, null, failure.at(stage.label()), stageStart, System.nanoTime()));
            } finally {
                promise.setFailure(failure.at(stage.label()));
            }
        }
    }

    /** The listener threw: the session is out of step with the transaction, so it is closed, and the future fails. */
    private void abort(RuntimeException e) {
        if (!done) {
            done = true;
            promise.setFailure(e);
        }
        handler.close();
    }

    private void mail(SmtpReply reply, long end) {
        long previousReply = handler.lastReplyNanos();
        if (previousReply - stageStart > 0) stageStart = previousReply; // the previous end-of-data reply, when MAIL went with it
        if (!tell(SmtpStage.MAIL, reply, end)) {
            stop(SmtpStage.MAIL, reply);
            if (!pipelined || reply.code() == 421) finish();
            return;
        }
        if (!pipelined) sendRcpt();
    }

    private void rcpt(SmtpReply reply, long end) {
        if (stoppedAt != null) return; // owed to a pipelined group after a refusal
        String forwardPath = forwardPaths.get(rcptReplies++);
        if (tell(SmtpStage.RCPT, reply, end)) accepted.add(forwardPath);
        else lastRefusal = reply;
        if (reply.code() == 421) {
            stop(SmtpStage.RCPT, reply);
            finish();
            return;
        }
        if (pipelined) return;
        if (rcptReplies < forwardPaths.size()) {
            sendRcpt();
        } else if (accepted.isEmpty()) {
            stop(SmtpStage.RCPT, lastRefusal);
            finish();
        } else {
            stageStart = System.nanoTime();
            handler.await(new Awaited(SmtpStage.DATA));
            handler.send(SmtpCommands.of(SmtpCommands.DATA));
        }
    }

    private void data(SmtpReply reply, long end) {
        if (stoppedAt == null && accepted.isEmpty()) stop(SmtpStage.RCPT, lastRefusal); // pipelined: DATA went ahead anyway
        if (stoppedAt != null) {
            abandonOrFinish(reply);
            return;
        }
        if (!tell(SmtpStage.DATA, reply, end)) {
            stop(SmtpStage.DATA, reply);
            abandonOrFinish(reply);
            return;
        }
        stageStart = System.nanoTime();
        handler.await(new Awaited(SmtpStage.END_OF_DATA));
        message.stuffedData(alloc, SmtpCommands.of(SmtpCommands.END_OF_DATA), handler::write);
        if (contentWritten == null) {
            handler.flush();
            return;
        }
        try {
            contentWritten.run();
        } finally {
            handler.flushSoon();
        }
    }

    private void endOfData(SmtpReply reply, long end) {
        if (stoppedAt != null) { // the reply to an abandoned DATA: read, not told
            finish();
            return;
        }
        if (!tell(SmtpStage.END_OF_DATA, reply, end)) stop(SmtpStage.END_OF_DATA, reply);
        else stopReply = reply;
        finish();
    }

    /** After DATA was refused or is not wanted: a 354 gets the end-of-data line alone (RFC 2920 §3.1), anything else ends here. */
    private void abandonOrFinish(SmtpReply dataReply) {
        if (dataReply.code() == 354) {
            handler.await(new Awaited(SmtpStage.END_OF_DATA));
            handler.send(SmtpCommands.of(SmtpCommands.END_OF_DATA));
        } else {
            finish();
        }
    }

    private void sendRcpt() {
        stageStart = System.nanoTime();
        handler.await(new Awaited(SmtpStage.RCPT));
        handler.send(SmtpCommands.rcpt(alloc, forwardPaths.get(rcptReplies)));
    }

    /** Tells the listener of a reply; true when it is the one expected. The next pipelined stage starts here. */
    private boolean tell(SmtpStage stage, SmtpReply reply, long end) {
        boolean expected = steps.step(new SmtpStep(stage, reply, null, stageStart, end));
        stageStart = end;
        return expected;
    }

    private void stop(SmtpStage stage, SmtpReply reply) {
        if (stoppedAt != null) return;
        stoppedAt = stage;
        stopReply = reply;
    }

    private void finish() {
        if (done) return;
        done = true;
        boolean closing = stopReply != null && stopReply.code() == 421;
        if (closing) handler.close();
        promise.setSuccess(new SmtpTransactionResult(stoppedAt, stopReply, List.copyOf(accepted), pipelined, startNanos, System.nanoTime()));
    }
}
