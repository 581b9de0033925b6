package io.mailharness.gatling.netty;

import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.message.MessageMix;
import io.mailharness.message.MessageStamp;
import io.mailharness.sink.SinkSettings;
import io.mailharness.sink.SmtpSink;
import io.mailharness.sink.StagePlan;
import io.mailharness.sink.StageReply;
import io.mailharness.sink.store.KeptMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.mailharness.gatling.netty.Clients.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SMTP client against the sink: the opening, transactions one command at a time and pipelined, refusals, QUIT. */
class SmtpChannelTest {
    private static final String FROM = "sender@mailharness.test";
    private final Clients clients = new Clients();
    private final SharedBodyMessages messages = new SharedBodyMessages(7, MessageMix.parse("uniform:1k-16k"));
    private SmtpSink sink;

    @AfterEach
    void stop() {
        if (sink != null) sink.close();
        clients.close();
    }

    private SmtpChannel open(Clients.Recorder<SmtpStep> steps) {
        return await(SmtpHandshake.open(clients.config, clients.loop(), Clients.plain(sink.smtpAddress().getPort()), steps));
    }

    private OutgoingMessage message(long n, List<String> to) {
        return messages.build(n, "m" + n, FROM, to, System.currentTimeMillis());
    }

    @Test
    void aTransactionOneCommandAtATimeTimesEveryStageAndDeliversTheMessageIntact() throws IOException {
        sink = SmtpSink.start(SinkSettings.defaults().withIoThreads(1).withKeepMessages(true));
        Clients.Recorder<SmtpStep> steps = Clients.Recorder.smtp();
        SmtpChannel smtp = open(steps);
        assertEquals(List.of(SmtpStage.CONNECT, SmtpStage.EHLO), steps.steps.stream().map(SmtpStep::stage).toList());
        assertEquals(220, steps.steps.get(0).reply().code());
        assertTrue(smtp.keywords().has("PIPELINING"), smtp.keywords().toString());

        OutgoingMessage message = message(1, List.of("rcpt@sink.test"));
        steps.steps.clear();
        SmtpTransactionResult result = await(smtp.send(FROM, List.of("rcpt@sink.test"), message, false, steps));

        assertTrue(result.accepted(), result.toString());
        assertFalse(result.pipelined());
        assertEquals(List.of("rcpt@sink.test"), result.acceptedForwardPaths());
        assertEquals(List.of(SmtpStage.MAIL, SmtpStage.RCPT, SmtpStage.DATA, SmtpStage.END_OF_DATA), steps.steps.stream().map(SmtpStep::stage).toList());
        assertEquals(List.of(250, 250, 354, 250), steps.steps.stream().map(s -> s.reply().code()).toList());
        long previousEnd = result.startNanos();
        for (SmtpStep s : steps.steps) {
            assertTrue(s.startNanos() >= previousEnd && s.endNanos() > s.startNanos(), s + " starts before the stage before it ended");
            previousEnd = s.endNanos();
        }
        assertTrue(result.endNanos() >= previousEnd);

        List<KeptMessage> kept = sink.keptMessages("rcpt@sink.test");
        assertEquals(1, kept.size());
        MessageStamp.Inspection inspection = MessageStamp.inspect(kept.get(0).content()).orElseThrow();
        assertTrue(inspection.intact(), "digest of the delivered message");
        assertEquals(message.digest(), inspection.digest());
        assertArrayEquals(message.toTestMessage().content(), kept.get(0).content());

        SmtpStep quit = await(smtp.quit());
        assertEquals(221, quit.reply().code());
        assertFalse(smtp.isOpen());
    }

    @Test
    void pipelinedTransactionsTimeEachReplyFromThePreviousOneAndKeepTheSessionInStep() throws IOException {
        sink = SmtpSink.start(SinkSettings.defaults().withIoThreads(1).withKeepMessages(true));
        SmtpChannel smtp = open(Clients.Recorder.smtp());
        List<String> to = List.of("a@sink.test", "b@sink.test", "c@sink.test");
        for (int n = 0; n < 20; n++) {
            Clients.Recorder<SmtpStep> steps = Clients.Recorder.smtp();
            SmtpTransactionResult result = await(smtp.send(FROM, to, message(n, to), true, steps));
            assertTrue(result.accepted() && result.pipelined(), result.toString());
            assertEquals(List.of(SmtpStage.MAIL, SmtpStage.RCPT, SmtpStage.RCPT, SmtpStage.RCPT, SmtpStage.DATA, SmtpStage.END_OF_DATA),
                    steps.steps.stream().map(SmtpStep::stage).toList());
            assertEquals(result.startNanos(), steps.steps.get(0).startNanos());
            for (int i = 1; i < 5; i++) assertEquals(steps.steps.get(i - 1).endNanos(), steps.steps.get(i).startNanos(), "stage " + i);
        }
        for (String r : to) assertEquals(20, sink.keptMessages(r).size(), r);
        assertEquals(221, await(smtp.quit()).reply().code());
    }

    @Test
    void aRefusedRecipientIsToldAndTheOthersStillGetTheMessage() throws IOException {
        sink = SmtpSink.start(SinkSettings.defaults().withIoThreads(1)
                .withPlan(StagePlan.of(List.of(), List.of(StageReply.parse("rcpt=550 5.1.1 No such user@50%")), List.of())));
        SmtpChannel smtp = open(Clients.Recorder.smtp());
        int accepted = 0;
        int refusedAtRcpt = 0;
        for (int n = 0; n < 40; n++) {
            Clients.Recorder<SmtpStep> steps = Clients.Recorder.smtp();
            SmtpTransactionResult result = await(smtp.send(FROM, List.of("a@sink.test", "b@sink.test"), message(n, List.of("a@sink.test", "b@sink.test")),
                    n % 2 == 0, steps));
            if (result.accepted()) {
                accepted++;
                assertFalse(result.acceptedForwardPaths().isEmpty());
            } else {
                refusedAtRcpt++;
                assertEquals(SmtpStage.RCPT, result.stoppedAt());
                assertEquals(550, result.finalReply().code());
                assertEquals("5.1.1", result.finalReply().enhancedStatusCode().orElseThrow());
                assertTrue(steps.steps.stream().noneMatch(s -> s.stage() == SmtpStage.DATA), "DATA is not told when no recipient was accepted");
                assertEquals(250, await(smtp.rset()).reply().code());
            }
        }
        assertTrue(accepted > 0 && refusedAtRcpt > 0, accepted + " accepted, " + refusedAtRcpt + " refused");
        assertTrue(smtp.isOpen());
    }

    @Test
    void aRefusedPipelinedMailReadsTheRepliesStillOwedSoTheNextTransactionWorks() throws IOException {
        sink = SmtpSink.start(SinkSettings.defaults().withIoThreads(1)
                .withPlan(StagePlan.of(List.of(), List.of(StageReply.parse("mail=451 4.3.0 Try later@50%")), List.of())));
        SmtpChannel smtp = open(Clients.Recorder.smtp());
        int refused = 0;
        for (int n = 0; n < 40; n++) {
            Clients.Recorder<SmtpStep> steps = Clients.Recorder.smtp();
            SmtpTransactionResult result = await(smtp.send(FROM, List.of("a@sink.test"), message(n, List.of("a@sink.test")), true, steps));
            if (!result.accepted()) {
                refused++;
                assertEquals(SmtpStage.MAIL, result.stoppedAt());
                assertEquals(List.of(SmtpStage.MAIL), steps.steps.stream().map(SmtpStep::stage).toList(), "replies after the refusal are not told");
            } else {
                assertNull(result.stoppedAt());
                assertEquals(250, result.finalReply().code());
            }
        }
        assertTrue(refused > 0 && refused < 40, refused + " refused");
        assertEquals(250, await(smtp.noop()).reply().code());
    }

    @Test
    void aClosedSessionFailsEveryLaterStepAtOnce() throws IOException {
        sink = SmtpSink.start(SinkSettings.defaults().withIoThreads(1));
        SmtpChannel smtp = open(Clients.Recorder.smtp());
        smtp.close();
        SmtpStep noop = await(smtp.noop());
        assertTrue(noop.failed());
        assertEquals("connection", Clients.errorClass(noop.failure()));
        Throwable failure = Clients.failure(smtp.send(FROM, List.of("a@sink.test"), message(1, List.of("a@sink.test")), false, Clients.Recorder.smtp()));
        assertEquals("connection", Clients.errorClass(failure), failure.toString());
    }
}
