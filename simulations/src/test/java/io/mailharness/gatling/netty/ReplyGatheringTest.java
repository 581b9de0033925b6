package io.mailharness.gatling.netty;

import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.message.MessageMix;
import io.mailharness.settings.SettingsException;
import io.mailharness.sink.SinkSettings;
import io.mailharness.sink.SmtpSink;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static io.mailharness.gatling.netty.Clients.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reply gathering: naps while replies come, every stage still timed, and back to waiting in epoll once they stop. */
class ReplyGatheringTest {
    private static final String FROM = "sender@mailharness.test";
    private static final List<String> TO = List.of("rcpt@sink.test");

    @Test
    void napsWhileRepliesComeThenWaitsInEpollAgain() throws IOException {
        ReplyGathering gathering = new ReplyGathering(50);
        SharedBodyMessages messages = new SharedBodyMessages(3, MessageMix.parse("fixed:1024"));
        try (SmtpSink sink = SmtpSink.start(SinkSettings.defaults().withIoThreads(1));
             Clients clients = new Clients(Duration.ofSeconds(5), ReplyLimits.defaults(), gathering)) {
            var loop = clients.loop();
            Clients.Recorder<SmtpStep> steps = Clients.Recorder.smtp();
            SmtpChannel smtp = await(SmtpHandshake.open(clients.config, loop, Clients.plain(sink.smtpAddress().getPort()), steps));
            for (int n = 1; n <= 20; n++) {
                steps.steps.clear();
                SmtpTransactionResult result = await(smtp.send(FROM, TO, messages.build(n, "m" + n, FROM, TO, System.currentTimeMillis()), false, steps));
                assertTrue(result.accepted(), result.toString());
                assertEquals(List.of(SmtpStage.MAIL, SmtpStage.RCPT, SmtpStage.DATA, SmtpStage.END_OF_DATA), steps.steps.stream().map(SmtpStep::stage).toList());
                assertTrue(steps.steps.stream().allMatch(s -> s.endNanos() > s.startNanos()), steps.steps.toString());
            }
            assertTrue(await(loop.submit(gathering::naps)) > 0, "no nap while replies came");

            // replies have stopped: after IDLE_NAPS naps without a read the loop waits in epoll again
            await().atMost(Duration.ofSeconds(5)).until(() -> !await(loop.submit(gathering::napping)));
            await(smtp.quit());
        }
    }

    @Test
    void onlyAConnectionOfARunWithGatheringOnGetsTheHandler() throws IOException {
        try (SmtpSink sink = SmtpSink.start(SinkSettings.defaults().withIoThreads(1));
             Clients off = new Clients();
             Clients on = new Clients(Duration.ofSeconds(5), ReplyLimits.defaults(), new ReplyGathering(50))) {
            assertNull(pipelineHandler(off, sink, "gathering"));
            assertNotNull(pipelineHandler(on, sink, "gathering"));
            assertFalse(ReplyGathering.OFF.on());
        }
    }

    /** The handler of that name in the pipeline of a connection the clients open to the sink (then closed). */
    private static Object pipelineHandler(Clients clients, SmtpSink sink, String name) {
        ChannelFuture connecting = clients.config.connect(clients.loop(), sink.smtpAddress(), null, false, new ChannelInboundHandlerAdapter());
        await(connecting);
        Object handler = connecting.channel().pipeline().get(name);
        await(connecting.channel().close());
        return handler;
    }

    @Test
    void everyProtocolOfARunSharesOneGatheringSoALoopNapsOncePerPass() {
        String before = System.getProperty(ReplyGathering.PROPERTY);
        try {
            System.setProperty(ReplyGathering.PROPERTY, "50");
            assertSame(ReplyGathering.fromProperty(), ReplyGathering.fromProperty());
            System.setProperty(ReplyGathering.PROPERTY, "0");
            assertSame(ReplyGathering.OFF, ReplyGathering.fromProperty());
        } finally {
            if (before == null) System.clearProperty(ReplyGathering.PROPERTY);
            else System.setProperty(ReplyGathering.PROPERTY, before);
        }
    }

    @Test
    void aNapIsAWholeNumberOfMicrosecondsUpToOneMillisecond() {
        assertEquals(0, ReplyGathering.napMicros(null));
        assertEquals(0, ReplyGathering.napMicros(" "));
        assertEquals(50, ReplyGathering.napMicros(" 50 "));
        for (String bad : List.of("50us", "-1", "1001", "0.5")) {
            SettingsException e = assertThrows(SettingsException.class, () -> ReplyGathering.napMicros(bad));
            assertTrue(e.getMessage().contains(ReplyGathering.PROPERTY), e.getMessage());
        }
    }
}
