package io.mailharness.gatling.netty;

import io.mailharness.client.SocketTally;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.TlsSettings;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event loops as Gatling makes them, a client configuration for loopback servers, and bounded waits. While it is
 * open every buffer is tracked; a buffer garbage-collected unreleased fails the test at {@link #close()}.
 */
final class Clients implements AutoCloseable {
    static final TlsSettings UNVERIFIED = new TlsSettings(false, Optional.empty());
    static final String CLIENT_DOMAIN = "client.mailharness.test";

    final EventLoopGroup group = ClientTransport.newEventLoopGroup(2, "mail-client-test");
    final MailClientConfig config;

    private final LeakCheck leaks = LeakCheck.start();

    Clients(Duration stepTimeout, ReplyLimits limits) {
        this(stepTimeout, limits, ReplyGathering.OFF);
    }

    Clients(Duration stepTimeout, ReplyLimits limits, ReplyGathering gathering) {
        this.config = new MailClientConfig(UNVERIFIED, Duration.ofSeconds(2), stepTimeout, limits, SocketTally.NONE, gathering);
    }

    Clients() {
        this(Duration.ofSeconds(5), ReplyLimits.defaults());
    }

    EventLoop loop() {
        return group.next();
    }

    static SmtpTarget plain(int port) {
        return SmtpTarget.plain(new Endpoint("127.0.0.1", port), CLIENT_DOMAIN);
    }

    /** The future's value, failing the test after 10 s. */
    static <T> T await(Future<T> future) {
        assertTrue(future.awaitUninterruptibly(10, TimeUnit.SECONDS), "no result within 10 s");
        if (!future.isSuccess()) throw new AssertionError("failed: " + future.cause(), future.cause());
        return future.getNow();
    }

    /** Why the future failed, failing the test after 10 s or on success. */
    static Throwable failure(Future<?> future) {
        assertTrue(future.awaitUninterruptibly(10, TimeUnit.SECONDS), "no result within 10 s");
        if (future.isSuccess()) throw new AssertionError("succeeded with " + future.getNow());
        return future.cause();
    }

    /** The error class an action's outcome gives a failed step ("timeout", "connection", "protocol"). */
    static String errorClass(Throwable failure) {
        return Outcome.of(failure).errorClass();
    }

    /** A listener that records every step and expects each stage's default reply. */
    static final class Recorder<S> implements StepListener<S> {
        final List<S> steps = new CopyOnWriteArrayList<>();
        private final java.util.function.Predicate<S> expected;

        Recorder(java.util.function.Predicate<S> expected) {
            this.expected = expected;
        }

        static Recorder<SmtpStep> smtp() {
            return new Recorder<>(SmtpStep::meetsDefaultExpectation);
        }

        static Recorder<Pop3Step> pop3() {
            return new Recorder<>(Pop3Step::isOk);
        }

        @Override
        public boolean step(S step) {
            steps.add(step);
            return expected.test(step);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        leaks.assertNone();
    }
}
