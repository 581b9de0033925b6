package io.mailharness.faultserver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Conforming SMTP baseline (RFC 5321 and extensions)")
class SmtpBaselineTest {

    private static final String ALICE = "alice@mailharness.test";
    private static final String BOB = "bob@mailharness.test";

    private FaultyMailServer server;
    private RawClient smtp;

    @BeforeEach
    void start() {
        server = FaultyMailServer.start();
        smtp = RawClient.smtp(server);
    }

    @AfterEach
    void stop() {
        smtp.close();
        server.close();
    }

    private void greetAndEhlo() {
        assertTrue(smtp.readReply().getLast().startsWith("220 "));
        assertTrue(smtp.cmd("EHLO client.example").startsWith("250 "));
    }

    @Test
    void greetingIs220WithDomainFirst() {
        List<String> greeting = smtp.readReply();
        assertEquals(1, greeting.size());
        assertTrue(greeting.getFirst().startsWith("220 localhost "), greeting.toString());
    }

    @Test
    void ehloListsTheExtensionsAndNotAuthBeforeTls() {
        smtp.readReply();
        List<String> ehlo = smtp.command("EHLO client.example");
        assertEquals("250-localhost greets client.example", ehlo.getFirst());
        assertTrue(ehlo.getLast().startsWith("250 "));
        for (int i = 0; i < ehlo.size() - 1; i++) {
            assertTrue(ehlo.get(i).startsWith("250-"), ehlo.get(i));
        }
        List<String> keywords = ehlo.stream().skip(1).map(l -> l.substring(4)).toList();
        assertTrue(keywords.containsAll(List.of("PIPELINING", "SIZE 10485760", "8BITMIME", "ENHANCEDSTATUSCODES",
                "CHUNKING", "SMTPUTF8", "DSN", "STARTTLS", "VRFY", "HELP")), keywords.toString());
        assertFalse(keywords.stream().anyMatch(k -> k.startsWith("AUTH")), "AUTH only after TLS");
    }

    @Test
    void ehloAcceptsAddressLiteralsAndRefusesGarbage() {
        smtp.readReply();
        assertTrue(smtp.cmd("EHLO [192.0.2.1]").startsWith("250 "));
        assertTrue(smtp.cmd("EHLO [IPv6:2001:db8::1]").startsWith("250 "));
        assertTrue(smtp.cmd("EHLO").startsWith("501"));
        assertTrue(smtp.cmd("EHLO bad_name!").startsWith("501"));
    }

    @Test
    void heloIsSingleLine250() {
        smtp.readReply();
        List<String> helo = smtp.command("HELO client.example");
        assertEquals(List.of("250 localhost"), helo);
    }

    @Test
    void fullTransactionIsDeliveredWithTraceFields() {
        greetAndEhlo();
        assertEquals("250 2.1.0 Sender <sender@client.example> OK", smtp.cmd("MAIL FROM:<sender@client.example>"));
        assertTrue(smtp.cmd("RCPT TO:<" + ALICE + ">").startsWith("250 2.1.5"));
        assertTrue(smtp.cmd("DATA").startsWith("354 "));
        assertTrue(smtp.cmd("Subject: hi\r\n\r\nbody line\r\n.").startsWith("250 2.0.0"));
        assertEquals("221 2.0.0 localhost closing", smtp.cmd("QUIT"));
        assertTrue(smtp.closedByServer());

        String stored = server.store().messages("alice").getFirst().text();
        assertTrue(stored.startsWith("Return-Path: <sender@client.example>\r\nReceived: from client.example ([127.0.0.1])"),
                stored);
        assertTrue(stored.contains("\tfor <" + ALICE + ">; "), stored);
        assertTrue(stored.endsWith("\r\nSubject: hi\r\n\r\nbody line\r\n"), stored);
    }

    @Test
    void dotUnstuffingAndExactBody() {
        greetAndEhlo();
        smtp.cmd("MAIL FROM:<>");
        smtp.cmd("RCPT TO:<" + ALICE + ">");
        smtp.cmd("DATA");
        String body = "Subject: dots\r\n\r\n..\r\n...\r\n..x\r\nx.\r\n .\r\n\t\u000b\u000c\u007f end  \r\n\r\n\r\n..";
        assertTrue(smtp.cmd(body + "\r\n.").startsWith("250"));
        String stored = server.store().messages("alice").getFirst().text();
        assertTrue(stored.startsWith("Return-Path: <>\r\n"), stored);
        assertTrue(stored.endsWith("Subject: dots\r\n\r\n.\r\n..\r\n.x\r\nx.\r\n .\r\n\t\u000b\u000c\u007f end  \r\n\r\n\r\n.\r\n"),
                stored);
    }

    @Test
    void emptyMessageIsAccepted() {
        greetAndEhlo();
        smtp.cmd("MAIL FROM:<a@client.example>");
        smtp.cmd("RCPT TO:<" + ALICE + ">");
        smtp.cmd("DATA");
        assertTrue(smtp.cmd(".").startsWith("250"));
        assertEquals(1, server.store().messages("alice").size());
    }

    @Test
    void sequenceErrorsAre503AndKeepTheState() {
        greetAndEhlo();
        assertTrue(smtp.cmd("RCPT TO:<" + ALICE + ">").startsWith("503 5.5.1"));
        assertTrue(smtp.cmd("DATA").startsWith("503"));
        smtp.cmd("MAIL FROM:<a@client.example>");
        assertTrue(smtp.cmd("MAIL FROM:<b@client.example>").startsWith("503"));
        assertTrue(smtp.cmd("DATA").startsWith("503"));
        assertTrue(smtp.cmd("RCPT TO:<" + ALICE + ">").startsWith("250"));
        assertTrue(smtp.cmd("RCPT TO:<bad").startsWith("501"));
        assertTrue(smtp.cmd("DATA").startsWith("354"));
        assertTrue(smtp.cmd("x\r\n.").startsWith("250"));
        assertTrue(smtp.cmd("RCPT TO:<" + ALICE + ">").startsWith("503"), "buffers cleared after end-of-data");
        assertTrue(server.store().messages("alice").getFirst().text().startsWith("Return-Path: <a@client.example>"));
    }

    @Test
    void mailBeforeEhloIs503ButNoopRsetVrfyHelpWork() {
        smtp.readReply();
        assertTrue(smtp.cmd("MAIL FROM:<a@b.example>").startsWith("503"));
        assertEquals("250 2.0.0 OK", smtp.cmd("NOOP"));
        assertEquals("250 2.0.0 OK", smtp.cmd("RSET"));
        assertTrue(smtp.cmd("VRFY alice").startsWith("250 2.1.5 <" + ALICE + ">"));
        assertTrue(smtp.cmd("HELP").startsWith("214"));
    }

    @Test
    void secondEhloResetsTheTransaction() {
        greetAndEhlo();
        smtp.cmd("MAIL FROM:<a@client.example>");
        smtp.cmd("RCPT TO:<" + ALICE + ">");
        assertTrue(smtp.cmd("EHLO client.example").startsWith("250 "));
        assertTrue(smtp.cmd("RCPT TO:<" + ALICE + ">").startsWith("503"));
        assertTrue(smtp.cmd("DATA").startsWith("503"));
    }

    @Test
    void badEhloKeepsTheTransaction() {
        greetAndEhlo();
        smtp.cmd("MAIL FROM:<a@client.example>");
        assertTrue(smtp.cmd("EHLO").startsWith("501"));
        assertTrue(smtp.cmd("RCPT TO:<" + ALICE + ">").startsWith("250"));
    }

    @Test
    void commandsAreCaseInsensitiveAndToleratesTrailingSpace() {
        smtp.readReply();
        assertTrue(smtp.cmd("ehlo client.example").startsWith("250 "));
        assertTrue(smtp.cmd("mAiL fRoM:<a@client.example>").startsWith("250"));
        assertTrue(smtp.cmd("rcpt to:<" + ALICE + ">").startsWith("250"));
        assertTrue(smtp.cmd("NOOP ").startsWith("250"));
        assertTrue(smtp.cmd("RSET ").startsWith("250"));
        assertTrue(smtp.cmd("QuIt ").startsWith("221"));
    }

    @Test
    void unknownAndUnimplementedCommands() {
        smtp.readReply();
        assertEquals("500 5.5.1 Command unrecognized", smtp.cmd("XYZZY"));
        assertTrue(smtp.cmd("TURN").startsWith("502"));
        assertTrue(smtp.cmd("").startsWith("500"));
        assertTrue(smtp.cmd("\u0080FAIL").startsWith("500"));
        assertTrue(smtp.cmd("NO\u0000OP").startsWith("501"));
        assertTrue(smtp.cmd("NOOP").startsWith("250"));
    }

    @Test
    void argumentsWhereNoneAreAllowed() {
        greetAndEhlo();
        assertTrue(smtp.cmd("RSET x").startsWith("501"));
        assertTrue(smtp.cmd("QUIT x").startsWith("501"));
        assertTrue(smtp.cmd("NOOP x").startsWith("250"), "NOOP ignores its parameter");
        smtp.cmd("MAIL FROM:<a@client.example>");
        smtp.cmd("RCPT TO:<" + ALICE + ">");
        assertTrue(smtp.cmd("DATA x").startsWith("501"));
    }

    @Test
    void bareLineEndsInACommandAreOneError() {
        smtp.readReply();
        smtp.send("NOOP\nNOOP\r\n");
        assertTrue(smtp.readReply().getLast().startsWith("500"));
        smtp.send("NOOP\rNOOP\r\n");
        assertTrue(smtp.readReply().getLast().startsWith("500"));
        assertTrue(smtp.cmd("NOOP").startsWith("250"), "one reply each, then in step");
        assertEquals(0, smtp.pending());
    }

    @Test
    void commandLineOfExactly512OctetsIsAccepted() {
        smtp.readReply();
        String noop = "NOOP " + "x".repeat(512 - 5 - 2);
        assertEquals(510, noop.length());
        assertTrue(smtp.cmd(noop).startsWith("250"));
        assertTrue(smtp.cmd(noop + "x").startsWith("500"));
        assertTrue(smtp.cmd("NOOP " + "y".repeat(70_000)).startsWith("500"));
        assertTrue(smtp.cmd("NOOP").startsWith("250"));
    }

    @Test
    void mailWithExtensionParametersMayExceed512() {
        greetAndEhlo();
        String local = "l".repeat(64);
        String line = "MAIL FROM:<" + local + "@client.example> SIZE=1000 BODY=8BITMIME AUTH=<> ENVID="
                + "e".repeat(100) + " RET=HDRS";
        assertTrue(smtp.cmd(line).startsWith("250"));
    }

    @Test
    void addressSyntaxIsStrict() {
        greetAndEhlo();
        assertTrue(smtp.cmd("MAIL FROM: <a@client.example>").startsWith("501"));
        assertTrue(smtp.cmd("MAIL FROM :<a@client.example>").startsWith("501"));
        assertTrue(smtp.cmd("MAIL FROM:a@client.example").startsWith("501"));
        assertTrue(smtp.cmd("MAIL FROM:<a\u0001b@client.example>").startsWith("501"));
        assertTrue(smtp.cmd("MAIL FROM:<\u00fc@client.example>").startsWith("553 5.6.7"));
        assertTrue(smtp.cmd("MAIL FROM:<MiXed@client.example>").startsWith("250"));
        assertTrue(smtp.cmd("RCPT TO:<u@exa_mple.com>").startsWith("501"));
        assertTrue(smtp.cmd("RCPT TO:<u@[300.1.1.1]>").startsWith("501"));
        assertTrue(smtp.cmd("RCPT TO:<@relay.example,@b.example:alice@mailharness.test>").startsWith("250"));
        assertTrue(smtp.cmd("RCPT TO:<\"a b\"@mailharness.test>").startsWith("550 5.1.1"));
        assertTrue(smtp.cmd("RCPT TO:<\"john..doe\"@mailharness.test>").startsWith("550"));
        assertTrue(smtp.cmd("RCPT TO:<u@[192.0.2.1]>").startsWith("550 5.7.1"));
        assertTrue(smtp.cmd("RCPT TO:<u@[IPv6:2001:db8::1]>").startsWith("550 5.7.1"));
        assertTrue(smtp.cmd("RCPT TO:<" + "x".repeat(65) + "@mailharness.test>").startsWith("501"));
    }

    @Test
    void recipientsLocalUnknownForeignAndPostmaster() {
        greetAndEhlo();
        smtp.cmd("MAIL FROM:<a@client.example>");
        assertTrue(smtp.cmd("RCPT TO:<nobody-42@mailharness.test>").startsWith("550 5.1.1"));
        assertTrue(smtp.cmd("RCPT TO:<x@foreign.example>").startsWith("550 5.7.1"));
        assertTrue(smtp.cmd("RCPT TO:<Postmaster>").startsWith("250"));
        assertTrue(smtp.cmd("RCPT TO:<POSTMASTER@mailharness.test>").startsWith("250"));
        assertTrue(smtp.cmd("RCPT TO:<ALICE@MailHarness.Test>").startsWith("250"));
    }

    @Test
    void hundredRecipientsThenTheLimit() {
        greetAndEhlo();
        smtp.cmd("MAIL FROM:<a@client.example>");
        StringBuilder pipelined = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            pipelined.append("RCPT TO:<").append(i % 2 == 0 ? ALICE : BOB).append(">\r\n");
        }
        smtp.send(pipelined.toString());
        for (int i = 0; i < 100; i++) {
            assertTrue(smtp.readReply().getLast().startsWith("250"), "RCPT " + i);
        }
        assertTrue(smtp.cmd("RCPT TO:<" + ALICE + ">").startsWith("452 4.5.3"));
        assertTrue(smtp.cmd("DATA").startsWith("354"));
        assertTrue(smtp.cmd("x\r\n.").startsWith("250"));
        assertEquals(50, server.store().messages("alice").size());
    }

    @Test
    void parametersUnknownAndMalformed() {
        greetAndEhlo();
        assertTrue(smtp.cmd("MAIL FROM:<a@b.example> FOO=BAR").startsWith("555 5.5.4"));
        assertTrue(smtp.cmd("MAIL FROM:<a@b.example> SIZE=abc").startsWith("501"));
        assertTrue(smtp.cmd("MAIL FROM:<a@b.example> SIZE=").startsWith("501"));
        assertTrue(smtp.cmd("MAIL FROM:<a@b.example> BODY=9BIT").startsWith("501"));
        assertTrue(smtp.cmd("MAIL FROM:<a@b.example> SMTPUTF8=YES").startsWith("501"));
        assertTrue(smtp.cmd("MAIL FROM:<a@b.example> SIZE=10485761").startsWith("552 5.3.4"));
        assertTrue(smtp.cmd("RCPT TO:<" + ALICE + ">").startsWith("503"), "refused MAIL opened nothing");
        assertTrue(smtp.cmd("MAIL FROM:<\u00fc@b.example> SMTPUTF8").startsWith("250"));
        assertTrue(smtp.cmd("RCPT TO:<" + ALICE + "> FOO").startsWith("555"));
        assertTrue(smtp.cmd("RCPT TO:<" + ALICE + "> NOTIFY=NEVER,SUCCESS").startsWith("501"));
        assertTrue(smtp.cmd("RCPT TO:<" + ALICE + "> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;u@d").startsWith("250"));
    }

    @Test
    void parametersAfterHeloAre555() {
        smtp.readReply();
        smtp.cmd("HELO client.example");
        assertTrue(smtp.cmd("MAIL FROM:<a@b.example> SIZE=10").startsWith("555"));
    }

    @Test
    void tooBigAfterEndOfDataIs552AndNothingStored() {
        server.close();
        server = FaultyMailServer.builder().sizeLimit(1000).start();
        smtp = RawClient.smtp(server);
        greetAndEhlo();
        smtp.cmd("MAIL FROM:<a@client.example>");
        smtp.cmd("RCPT TO:<" + ALICE + ">");
        smtp.cmd("DATA");
        smtp.send(("y".repeat(100) + "\r\n").repeat(20));
        assertTrue(smtp.silentFor(Duration.ofMillis(200)), "no reply before end-of-data");
        assertEquals("552 5.3.4 Too much mail data", smtp.cmd("."));
        assertEquals(0, server.store().totalMessages());
        assertTrue(smtp.cmd("NOOP").startsWith("250"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n.\n", "\n.\r\n", "\r\n.\n", "\r.\r", "\r.\n", "\n.\r", "\r.\r\n", "\r\n.\r",
            "\r\n.\r\r\n", "\r\r\n.\r\r\n", "\r\n\u0000.\r\n", "\r\n.\u0000\r\n"})
    void smugglingEndingsNeverEndTheData(String ending) {
        greetAndEhlo();
        smtp.cmd("MAIL FROM:<a@client.example>");
        smtp.cmd("RCPT TO:<" + ALICE + ">");
        smtp.cmd("DATA");
        smtp.send("Subject: T\r\n\r\nA" + ending + "MAIL FROM:<smuggled@test.example>\r\nRCPT TO:<" + ALICE
                + ">\r\nDATA\r\nSubject: SMUGGLED\r\n\r\nB\r\n");
        assertTrue(smtp.silentFor(Duration.ofMillis(80)), "no reply before the real end-of-data");
        String reply = smtp.cmd(".");
        boolean nul = ending.contains("\u0000");
        assertTrue(reply.startsWith(nul ? "250" : "554"), reply);
        List<String> stored = server.store().messages("alice").stream().map(m -> m.text()).toList();
        assertEquals(nul ? 1 : 0, stored.size());
        assertEquals(0, smtp.pending(), "exactly one reply");
    }

    @Test
    void bareLfInBodyIsRejected() {
        greetAndEhlo();
        smtp.cmd("MAIL FROM:<a@client.example>");
        smtp.cmd("RCPT TO:<" + ALICE + ">");
        smtp.cmd("DATA");
        assertTrue(smtp.cmd("a\nb\r\n.").startsWith("554"));
        assertEquals(0, server.store().totalMessages());
    }

    @Test
    void abortedTransactionsDeliverNothing() {
        greetAndEhlo();
        smtp.cmd("MAIL FROM:<a@client.example>");
        smtp.cmd("RCPT TO:<" + ALICE + ">");
        assertTrue(smtp.cmd("QUIT").startsWith("221"));
        smtp.close();
        try (RawClient second = RawClient.smtp(server)) {
            second.readReply();
            second.cmd("EHLO client.example");
            second.cmd("MAIL FROM:<a@client.example>");
            second.cmd("RCPT TO:<" + ALICE + ">");
            second.cmd("DATA");
            second.send("Subject: half\r\n\r\nhalf a bo");
        }
        try (RawClient third = RawClient.smtp(server)) {
            assertTrue(third.readReply().getLast().startsWith("220"), "server still serves");
        }
        assertEquals(0, server.store().totalMessages());
    }

    @Test
    void bdatChunksAreStoredByteExact() {
        greetAndEhlo();
        smtp.cmd("MAIL FROM:<a@client.example>");
        smtp.cmd("RCPT TO:<" + ALICE + ">");
        smtp.send("BDAT 11\r\nab\r\n.\r\ncd\r\n");
        assertTrue(smtp.readReply().getLast().startsWith("250"));
        assertTrue(smtp.cmd("DATA").startsWith("503"), "DATA after BDAT");
        smtp.send("BDAT 0 LAST\r\n");
        assertTrue(smtp.readReply().getLast().startsWith("250"));
        assertTrue(server.store().messages("alice").getFirst().text().endsWith("\r\nab\r\n.\r\ncd\r\n"));
        smtp.send("BDAT 5\r\nNOOP\n");
        assertTrue(smtp.readReply().getLast().startsWith("503"), "after LAST there is no transaction");
        assertTrue(smtp.cmd("NOOP").startsWith("250"), "chunk octets consumed, not executed");
        assertEquals(0, smtp.pending());
    }

    @Test
    void vrfyExpnHelp() {
        greetAndEhlo();
        assertTrue(smtp.cmd("VRFY postmaster").startsWith("250"));
        assertTrue(smtp.cmd("VRFY <" + BOB + ">").startsWith("250 2.1.5 <" + BOB + ">"));
        assertTrue(smtp.cmd("VRFY nobody-77").startsWith("550"));
        assertTrue(smtp.cmd("VRFY x@foreign.example").startsWith("252"));
        assertTrue(smtp.cmd("VRFY").startsWith("501"));
        assertTrue(smtp.cmd("EXPN list").startsWith("502"));
        assertTrue(smtp.cmd("HELP MAIL").startsWith("214"));
        assertTrue(smtp.cmd("HELP FOO").startsWith("504"));
    }

    @Test
    void pipelinedRsetsAllAnsweredInOrder() {
        greetAndEhlo();
        smtp.send("RSET\r\n".repeat(8));
        for (int i = 0; i < 8; i++) {
            assertEquals("250 2.0.0 OK", smtp.readReply().getLast());
        }
    }

    @Test
    void enhancedStatusCodesOnEveryNon3xxReplyButGreetingAndEhlo() {
        greetAndEhlo();
        List<String> replies = List.of(smtp.cmd("NOOP"), smtp.cmd("RSET"), smtp.cmd("XYZZY"),
                smtp.cmd("MAIL FROM:<a@client.example>"), smtp.cmd("RCPT TO:<" + ALICE + ">"),
                smtp.cmd("RCPT TO:<nobody@mailharness.test>"), smtp.cmd("VRFY alice"), smtp.cmd("QUIT"));
        for (String reply : replies) {
            assertTrue(reply.matches("[245][0-9][0-9] [245]\\.[0-9]{1,3}\\.[0-9]{1,3} .*"), reply);
            assertEquals(reply.charAt(0), reply.charAt(4), reply);
        }
    }

    @Test
    void eightBitBodyIsStoredExactly() {
        greetAndEhlo();
        smtp.cmd("MAIL FROM:<a@client.example> BODY=8BITMIME");
        smtp.cmd("RCPT TO:<" + ALICE + ">");
        smtp.cmd("DATA");
        byte[] body = new byte[128];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (0x80 + i);
        }
        smtp.sendBytes(body);
        smtp.send("\r\n.\r\n");
        assertTrue(smtp.readReply().getLast().startsWith("250"));
        byte[] stored = server.store().messages("alice").getFirst().content();
        byte[] tail = java.util.Arrays.copyOfRange(stored, stored.length - 130, stored.length - 2);
        assertEquals(new String(body, StandardCharsets.ISO_8859_1), new String(tail, StandardCharsets.ISO_8859_1));
    }
}
