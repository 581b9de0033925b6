package io.mailharness.client;

import io.mailharness.faultserver.Faults;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.faultserver.smtp.SmtpFaults;
import io.mailharness.faultserver.smtp.SmtpStage;
import io.mailharness.faultserver.store.StoredMessage;
import io.mailharness.settings.TargetSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 2920 command pipelining: MAIL, the RCPTs and DATA in one write, replies read in order. */
class SmtpPipeliningTest {
    private static final byte[] CONTENT = "Subject: pipelined\r\n\r\n.first line starts with a dot\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    private static SmtpSession open(FaultyMailServer server) throws MailProtocolException {
        TargetSettings target = server.settings(Duration.ofSeconds(5));
        Transcript transcript = new Transcript();
        SmtpSession smtp = SmtpSession.connect(target.requireSmtp(), target.tls(), target.timeouts(), transcript);
        assertEquals(250, smtp.ehlo("client.example").code());
        return smtp;
    }

    @Test
    void theEnvelopeGoesInOneWriteAndTheRepliesComeInOrder() throws Exception {
        try (FaultyMailServer server = FaultyMailServer.start(); SmtpSession smtp = open(server)) {
            assertTrue(smtp.supports("PIPELINING"));
            for (int round = 0; round < 2; round++) {
                smtp.pipelineEnvelope("sender@client.example", null, List.of("alice@mailharness.test", "bob@mailharness.test"));
                assertEquals(4, smtp.pendingReplies());
                assertEquals(250, smtp.nextReply("MAIL").code());
                assertEquals(250, smtp.nextReply("RCPT").code());
                assertEquals(250, smtp.nextReply("RCPT").code());
                assertEquals(354, smtp.nextReply("DATA").code());
                assertEquals(0, smtp.pendingReplies());
                assertEquals(250, smtp.endOfData(CONTENT).code());
            }
            assertEquals(221, smtp.quit().code());
            List<StoredMessage> alice = server.store().messages("alice");
            assertEquals(2, alice.size());
            assertEquals(2, server.store().messages("bob").size());
            String stored = alice.getFirst().text();
            assertTrue(stored.endsWith("Subject: pipelined\r\n\r\n.first line starts with a dot\r\nbody\r\n"), stored);
        }
    }

    @Test
    void refusedRecipientsAreReadInTurnAndDataWithoutRecipientsIsRefused() throws Exception {
        try (FaultyMailServer server = FaultyMailServer.start(); SmtpSession smtp = open(server)) {
            smtp.pipelineEnvelope("sender@client.example", null, List.of("nobody@mailharness.test", "nobody-else@mailharness.test"));
            assertEquals(250, smtp.nextReply("MAIL").code());
            assertEquals(550, smtp.nextReply("RCPT").code());
            assertEquals(550, smtp.nextReply("RCPT").code());
            SmtpReply data = smtp.nextReply("DATA");
            assertTrue(data.code() >= 500, data.firstLine());
            assertEquals(250, smtp.rset().code(), "the session goes on in step");
        }
    }

    @Test
    void a354AfterRefusedRecipientsIsAnsweredWithTheEndOfDataLineAlone() throws Exception {
        // the fault only rewrites the RCPT reply: the server took the recipient and answers DATA with 354
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(SmtpFaults.replyAt(SmtpStage.RCPT, 550, "5.1.1 no such user")));
             SmtpSession smtp = open(server)) {
            smtp.pipelineEnvelope("sender@client.example", null, List.of("alice@mailharness.test"));
            assertEquals(250, smtp.nextReply("MAIL").code());
            assertEquals(550, smtp.nextReply("RCPT").code());
            assertEquals(354, smtp.nextReply("DATA").code());
            assertEquals(250, smtp.abandonData().code(), "an empty message");
            assertEquals(250, smtp.rset().code(), "the session goes on in step");
        }
    }

    @Test
    void plainEndOfDataSendsTheSameOctets() throws Exception {
        try (FaultyMailServer server = FaultyMailServer.start(); SmtpSession smtp = open(server)) {
            assertEquals(250, smtp.mail("sender@client.example").code());
            assertEquals(250, smtp.rcpt("alice@mailharness.test").code());
            assertEquals(354, smtp.data().code());
            assertEquals(250, smtp.endOfData(CONTENT).code());
            byte[] stored = server.store().messages("alice").getFirst().content();
            byte[] tail = java.util.Arrays.copyOfRange(stored, stored.length - CONTENT.length, stored.length);
            assertArrayEquals(CONTENT, tail);
        }
    }
}
