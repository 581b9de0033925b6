package io.mailharness.gatling.netty;

import io.mailharness.client.Apop;
import io.mailharness.client.Pop3Reply;
import io.mailharness.gatling.check.Pop3Stage;
import io.mailharness.settings.Account;
import io.mailharness.settings.Pop3Security;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.util.Optional;
import java.util.function.Function;

/**
 * One POP3 session (RFC 1939) on a Netty channel of the virtual user's event loop: one method per command, none
 * blocking. Each future always succeeds with its {@link Pop3Step} (which carries the failure when the command could
 * not complete); a failure closes the connection and every later command fails at once. RETR streams the message
 * through the un-stuffing and the digest, within the message bound, and hands its octets over only when damaged. The futures complete on the
 * event loop; the methods may be called from any thread. QUIT in the TRANSACTION state enters the UPDATE state;
 * {@link #close()} without QUIT does not (RFC 1939 §6).
 */
public final class Pop3Channel extends ClientChannel<Pop3ResponseHandler> {
    private static final ByteBuf STLS = CommandLines.fixed("STLS\r\n");
    private static final ByteBuf STAT = CommandLines.fixed("STAT\r\n");
    private static final ByteBuf LIST = CommandLines.fixed("LIST\r\n");
    private static final ByteBuf UIDL = CommandLines.fixed("UIDL\r\n");
    private static final ByteBuf RSET = CommandLines.fixed("RSET\r\n");
    private static final ByteBuf QUIT = CommandLines.fixed("QUIT\r\n");
    private static final String SENT_BEFORE_TLS = "the server sent more after its +OK to STLS, before TLS (RFC 2595 §4)";

    private final Pop3Target target;
    private String greeting = "";

    public Pop3Channel(MailClientConfig config, EventLoop loop, Pop3Target target) {
        super(config, loop, new Pop3ResponseHandler(config.limits(), config.stepTimeout()));
        this.target = target;
    }

    public Pop3Target target() {
        return target;
    }

    /** Stage "connect+greeting": the TCP connection (TLS first for implicit TLS) and the server's greeting. */
    public Future<Pop3Step> connect() {
        Promise<Pop3Step> promise = loop.newPromise();
        onLoop(promise, () -> {
            long start = System.nanoTime();
            connect(target.address(), target.host(), target.security() == Pop3Security.TLS,
                    () -> acknowledgingAtOnce().await(new StepAwaiting(Pop3Stage.CONNECT, Pop3ResponseHandler.Body.NONE, start, promise) {
                        @Override
                        public void response(Pop3Reply reply, RetrievedMessage message, long endNanos) {
                            greeting = reply.statusLine();
                            super.response(reply, message, endNanos);
                        }
                    }),
                    failure -> promise.setSuccess(failedStep(Pop3Stage.CONNECT, failure, start)));
        });
        return promise;
    }

    /** STLS (RFC 2595 §4); on +OK the TLS handshake follows at once and is part of the step. */
    public Future<Pop3Step> stls() {
        Promise<Pop3Step> promise = loop.newPromise();
        onLoop(promise, () -> {
            ByteBuf command = STLS.duplicate();
            alloc();
            long start = System.nanoTime();
            handler.await(new StepAwaiting(Pop3Stage.STLS, Pop3ResponseHandler.Body.NONE, start, promise) {
                @Override
                public String sentAfter(String statusLine, String next) {
                    return statusLine.startsWith("+OK") ? SENT_BEFORE_TLS : super.sentAfter(statusLine, next);
                }

                @Override
                public void response(Pop3Reply reply, RetrievedMessage message, long endNanos) {
                    if (!reply.isOk()) {
                        super.response(reply, message, endNanos);
                        return;
                    }
                    upgradeToTls(target.host(), target.address().getPort(), SENT_BEFORE_TLS,
                            failure -> promise.setSuccess(failure == null ? new Pop3Step(Pop3Stage.STLS, reply, null, null, start, System.nanoTime())
                                    : failedStep(Pop3Stage.STLS, failure, start)));
                }
            });
            handler.send(command);
        });
        return promise;
    }

    public Future<Pop3Step> user(Account account) {
        return command(Pop3Stage.USER, Pop3ResponseHandler.Body.NONE, alloc -> CommandLines.line(alloc, "USER ", account.user()));
    }

    public Future<Pop3Step> pass(Account account) {
        return command(Pop3Stage.PASS, Pop3ResponseHandler.Body.NONE, alloc -> CommandLines.line(alloc, "PASS ", account.password()));
    }

    /** The timestamp of the greeting that APOP digests, when the server offers APOP. */
    public Optional<String> apopTimestamp() {
        return Apop.timestamp(greeting);
    }

    /**
     * APOP name digest (RFC 1939 §7): the MD5 of the greeting's timestamp and the secret. A greeting without a
     * timestamp does not offer APOP: the step ends at once with a -ERR that says so, nothing sent.
     */
    public Future<Pop3Step> apop(Account account) {
        Optional<String> timestamp = apopTimestamp();
        if (timestamp.isEmpty()) {
            long now = System.nanoTime();
            Pop3Reply none = new Pop3Reply(Apop.NOT_OFFERED, java.util.List.of());
            return loop.newSucceededFuture(new Pop3Step(Pop3Stage.APOP, none, null, null, now, now));
        }
        String digest = Apop.digest(timestamp.get(), account.password());
        return command(Pop3Stage.APOP, Pop3ResponseHandler.Body.NONE, alloc -> CommandLines.line(alloc, "APOP ", account.user() + " " + digest));
    }

    public Future<Pop3Step> stat() {
        return command(Pop3Stage.STAT, Pop3ResponseHandler.Body.NONE, alloc -> STAT.duplicate());
    }

    /** LIST: the scan listings as the reply's body (parse with core's {@code ScanListing.parseAll}). */
    public Future<Pop3Step> list() {
        return command(Pop3Stage.LIST, Pop3ResponseHandler.Body.LISTING, alloc -> LIST.duplicate());
    }

    /** UIDL: the unique-id listings as the reply's body (parse with core's {@code UniqueIdListing.parseAll}). */
    public Future<Pop3Step> uidl() {
        return command(Pop3Stage.UIDL, Pop3ResponseHandler.Body.LISTING, alloc -> UIDL.duplicate());
    }

    /** RETR: the message streamed, counted and, for a harness message, checked against its stamp's digest. */
    public Future<Pop3Step> retr(int message) {
        return command(Pop3Stage.RETR, Pop3ResponseHandler.Body.MESSAGE, alloc -> CommandLines.line(alloc, "RETR ", Integer.toString(message)));
    }

    /** TOP: the header section and the first lines of the body, counted. */
    public Future<Pop3Step> top(int message, int lines) {
        return command(Pop3Stage.TOP, Pop3ResponseHandler.Body.TOP, alloc -> CommandLines.line(alloc, "TOP ", message + " " + lines));
    }

    public Future<Pop3Step> dele(int message) {
        return command(Pop3Stage.DELE, Pop3ResponseHandler.Body.NONE, alloc -> CommandLines.line(alloc, "DELE ", Integer.toString(message)));
    }

    public Future<Pop3Step> rset() {
        return command(Pop3Stage.RSET, Pop3ResponseHandler.Body.NONE, alloc -> RSET.duplicate());
    }

    /** QUIT: in the TRANSACTION state the server enters the UPDATE state; the connection is closed at the reply, whatever it is. */
    public Future<Pop3Step> quit() {
        return command(Pop3Stage.QUIT, Pop3ResponseHandler.Body.NONE, alloc -> QUIT.duplicate(), handler::close);
    }

    private Future<Pop3Step> command(Pop3Stage stage, Pop3ResponseHandler.Body body, Function<ByteBufAllocator, ByteBuf> command) {
        return command(stage, body, command, () -> {});
    }

    /** A command and its response; {@code onResponse} runs before the step completes. */
    private Future<Pop3Step> command(Pop3Stage stage, Pop3ResponseHandler.Body body, Function<ByteBufAllocator, ByteBuf> command, Runnable onResponse) {
        Promise<Pop3Step> promise = loop.newPromise();
        onLoop(promise, () -> {
            ByteBuf octets = command.apply(alloc());
            long start = System.nanoTime();
            handler.await(new StepAwaiting(stage, body, start, promise) {
                @Override
                public void response(Pop3Reply reply, RetrievedMessage message, long endNanos) {
                    onResponse.run();
                    super.response(reply, message, endNanos);
                }
            });
            handler.send(octets);
        });
        return promise;
    }

    private Pop3Step failedStep(Pop3Stage stage, ConnectionFailure failure, long start) {
        String step = stage == Pop3Stage.CONNECT ? "connect to POP3 " + target.host() + ":" + target.address().getPort() : stage.label();
        return new Pop3Step(stage, null, null, failure.at(step), start, System.nanoTime());
    }

    /** Awaits the response of one command and completes its step. */
    private class StepAwaiting implements Pop3ResponseHandler.Awaiting {
        private final Pop3Stage stage;
        private final Pop3ResponseHandler.Body body;
        private final long start;
        private final Promise<Pop3Step> promise;

        StepAwaiting(Pop3Stage stage, Pop3ResponseHandler.Body body, long start, Promise<Pop3Step> promise) {
            this.stage = stage;
            this.body = body;
            this.start = start;
            this.promise = promise;
        }

        @Override
        public Pop3ResponseHandler.Body body() {
            return body;
        }

        @Override
        public void response(Pop3Reply reply, RetrievedMessage message, long endNanos) {
            promise.setSuccess(new Pop3Step(stage, reply, message, null, start, endNanos));
        }

        @Override
        public void failed(ConnectionFailure failure) {
            RetrievedMessage cutOff = handler.takeCutOff();
            Pop3Step failed = failedStep(stage, failure, start);
            promise.trySuccess(cutOff == null ? failed : new Pop3Step(stage, null, cutOff, failed.failure(), start, failed.endNanos()));
        }
    }
}
