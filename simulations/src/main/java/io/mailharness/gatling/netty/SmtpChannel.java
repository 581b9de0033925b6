package io.mailharness.gatling.netty;

import io.mailharness.client.SmtpReply;
import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.protocol.EhloKeywords;
import io.mailharness.settings.SmtpSecurity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One SMTP session on a Netty channel of the virtual user's event loop: one method per protocol step, none blocking.
 * A single step's future always succeeds with its {@link SmtpStep} (which carries the failure when the step could not
 * complete); a failure closes the connection, and every later step fails at once with the reason. The futures
 * complete on the event loop; the methods may be called from any thread (they hop to the loop).
 *
 * <pre>{@code
 * SmtpChannel smtp = new SmtpChannel(config, session.eventLoop(), target);
 * smtp.connect().addListener(f -> { SmtpStep greeting = (SmtpStep) f.getNow(); ... smtp.ehlo() ... });
 * // or the whole opening at once: SmtpHandshake.open(config, loop, target, steps)
 * smtp.send(from, to, message, true, steps).addListener(f -> ... (SmtpTransactionResult) f.getNow() ...);
 * }</pre>
 */
public final class SmtpChannel extends ClientChannel<SmtpReplyHandler> {
    private static final EhloKeywords NO_KEYWORDS = new EhloKeywords(Map.of());
    private static final String SENT_BEFORE_TLS = "the server sent more after its 220 to STARTTLS, before TLS (RFC 3207 §4.2)";

    private final SmtpTarget target;
    private EhloKeywords keywords = NO_KEYWORDS;

    public SmtpChannel(MailClientConfig config, EventLoop loop, SmtpTarget target) {
        super(config, loop, new SmtpReplyHandler(config.limits(), config.stepTimeout()));
        this.target = target;
    }

    public SmtpTarget target() {
        return target;
    }

    /** The service extensions of the last positive EHLO reply (none before it, and none again after STARTTLS). */
    public EhloKeywords keywords() {
        return keywords;
    }

    /** Stage "connect+greeting": the TCP connection (TLS first for implicit TLS) and the server's greeting. */
    public Future<SmtpStep> connect() {
        Promise<SmtpStep> promise = loop.newPromise();
        onLoop(promise, () -> {
            long start = System.nanoTime();
            connect(target.address(), target.host(), target.security() == SmtpSecurity.TLS,
                    () -> handler.await(new StepAwaiting(SmtpStage.CONNECT, start, promise)),
                    failure -> promise.setSuccess(failedStep(SmtpStage.CONNECT, failure, start)));
        });
        return promise;
    }

    /** EHLO with the target's client domain; a positive reply's service extensions become {@link #keywords()}. */
    public Future<SmtpStep> ehlo() {
        return command(SmtpStage.EHLO, alloc -> SmtpCommands.ehlo(alloc, target.clientDomain()), reply -> {
            if (reply.isPositiveCompletion()) keywords = EhloKeywords.parse(reply.lines());
        });
    }

    /**
     * STARTTLS (RFC 3207); on 220 the TLS handshake follows at once and is part of the step. Octets the server sent
     * after its 220 and before TLS are refused. What EHLO said is forgotten: EHLO again.
     */
    public Future<SmtpStep> startTls() {
        Promise<SmtpStep> promise = loop.newPromise();
        onLoop(promise, () -> {
            ByteBuf command = SmtpCommands.of(SmtpCommands.STARTTLS);
            alloc();
            long start = System.nanoTime();
            handler.await(new StepAwaiting(SmtpStage.STARTTLS, start, promise) {
                @Override
                public String sentAfter(SmtpReply reply, String next) {
                    return reply.code() == 220 ? SENT_BEFORE_TLS : super.sentAfter(reply, next);
                }

                @Override
                public void reply(SmtpReply reply, long endNanos) {
                    if (reply.code() != 220) {
                        super.reply(reply, endNanos);
                        return;
                    }
                    keywords = NO_KEYWORDS;
                    upgradeToTls(target.host(), target.address().getPort(), SENT_BEFORE_TLS,
                            failure -> promise.setSuccess(failure == null ? new SmtpStep(SmtpStage.STARTTLS, reply, null, start, System.nanoTime())
                                    : failedStep(SmtpStage.STARTTLS, failure, start)));
                }
            });
            handler.send(command);
        });
        return promise;
    }

    /** AUTH with the target's mechanism and account (RFC 4954), every challenge answered within the one step. */
    public Future<SmtpStep> auth() {
        if (target.auth().isEmpty()) throw new IllegalStateException("the target has no AUTH mechanism");
        SmtpAuth exchange = new SmtpAuth(target.auth().get(), target.account());
        Promise<SmtpStep> promise = loop.newPromise();
        onLoop(promise, () -> {
            ByteBufAllocator alloc = alloc();
            long start = System.nanoTime();
            handler.await(new StepAwaiting(SmtpStage.AUTH, start, promise) {
                @Override
                public void reply(SmtpReply reply, long endNanos) {
                    String answer = reply.code() == 334 ? exchange.answer(reply) : null;
                    if (answer == null) {
                        super.reply(reply, endNanos);
                        return;
                    }
                    handler.await(this);
                    handler.send(CommandLines.line(alloc, answer, ""));
                }
            });
            String[] command = exchange.command();
            handler.send(CommandLines.line(alloc, command[0], command[1]));
        });
        return promise;
    }

    /**
     * One mail transaction: MAIL FROM:&lt;reversePath&gt;, RCPT TO per forward-path, DATA and the message, every stage
     * told to {@code steps}. With {@code pipelining} asked for and PIPELINING in the server's EHLO reply, MAIL, the
     * RCPTs and DATA go in one write. The future fails only when a step failed (connection gone).
     */
    public Future<SmtpTransactionResult> send(String reversePath, List<String> forwardPaths, OutgoingMessage message, boolean pipelining,
                                              StepListener<SmtpStep> steps) {
        return send(reversePath, forwardPaths, message, pipelining, steps, null);
    }

    /**
     * {@link #send(String, List, OutgoingMessage, boolean, StepListener)}, and when pipelined, {@code contentWritten}
     * runs (on the loop) once the mail data and end-of-data are written, before they are flushed: a transaction the
     * caller starts from it goes in the same write (RFC 2920 §3.1), and the end-of-data reply still completes this
     * future. Not pipelined, it never runs.
     */
    public Future<SmtpTransactionResult> send(String reversePath, List<String> forwardPaths, OutgoingMessage message, boolean pipelining,
                                              StepListener<SmtpStep> steps, Runnable contentWritten) {
        Promise<SmtpTransactionResult> promise = loop.newPromise();
        onLoop(promise, () -> new SmtpTransaction(handler, alloc(), reversePath, List.copyOf(forwardPaths), message,
                pipelining && keywords.has("PIPELINING"), steps, contentWritten, promise).start());
        return promise;
    }

    public Future<SmtpStep> rset() {
        return command(SmtpStage.RSET, alloc -> SmtpCommands.of(SmtpCommands.RSET), reply -> {});
    }

    public Future<SmtpStep> noop() {
        return command(SmtpStage.NOOP, alloc -> SmtpCommands.of(SmtpCommands.NOOP), reply -> {});
    }

    /** QUIT; the connection is closed at the reply, whatever it is (a failure has closed it already). */
    public Future<SmtpStep> quit() {
        return command(SmtpStage.QUIT, alloc -> SmtpCommands.of(SmtpCommands.QUIT), reply -> handler.close());
    }

    /** A command of one stage, one reply; {@code onReply} sees the reply before the step completes. */
    private Future<SmtpStep> command(SmtpStage stage, Function<ByteBufAllocator, ByteBuf> command, Consumer<SmtpReply> onReply) {
        Promise<SmtpStep> promise = loop.newPromise();
        onLoop(promise, () -> {
            ByteBuf octets = command.apply(alloc());
            long start = System.nanoTime();
            handler.await(new StepAwaiting(stage, start, promise) {
                @Override
                public void reply(SmtpReply reply, long endNanos) {
                    onReply.accept(reply);
                    super.reply(reply, endNanos);
                }
            });
            handler.send(octets);
        });
        return promise;
    }

    private SmtpStep failedStep(SmtpStage stage, ConnectionFailure failure, long start) {
        String step = stage == SmtpStage.CONNECT ? "connect to SMTP " + target.host() + ":" + target.address().getPort() : stage.label();
        return new SmtpStep(stage, null, failure.at(step), start, System.nanoTime());
    }

    /** Awaits the one reply of a stage and completes its step. */
    private class StepAwaiting implements SmtpReplyHandler.Awaiting {
        private final SmtpStage stage;
        private final long start;
        private final Promise<SmtpStep> promise;

        StepAwaiting(SmtpStage stage, long start, Promise<SmtpStep> promise) {
            this.stage = stage;
            this.start = start;
            this.promise = promise;
        }

        @Override
        public void reply(SmtpReply reply, long endNanos) {
            promise.setSuccess(new SmtpStep(stage, reply, null, start, endNanos));
        }

        @Override
        public void failed(ConnectionFailure failure) {
            promise.trySuccess(failedStep(stage, failure, start));
        }
    }
}
