package io.mailharness.client;

import io.mailharness.embedded.EmbeddedMailServer;
import io.mailharness.message.MessageBuilder;
import io.mailharness.message.TestMessage;
import io.mailharness.settings.Account;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.Timeouts;
import io.mailharness.settings.TlsSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientSessionsAgainstEmbeddedServerTest {
    private static EmbeddedMailServer server;
    private static TargetSettings target;

    @BeforeAll
    static void start() {
        server = EmbeddedMailServer.start();
        target = server.settings();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void embeddedServerListensOnLoopbackWithGeneratedAccounts() {
        assertEquals("127.0.0.1", target.requireSmtp().endpoint().host());
        assertTrue(target.requireSmtp().endpoint().port() > 0);
        assertEquals(EmbeddedMailServer.ACCOUNT_COUNT, target.disposableAccounts().size());
    }

    @Test
    void smtpStepsReturnRawReplies() throws IOException {
        Transcript transcript = new Transcript();
        try (SmtpSession smtp = SmtpSession.connect(target.requireSmtp(), target.tls(), target.timeouts(), transcript)) {
            assertEquals(220, smtp.greeting().code());
            SmtpReply ehlo = smtp.ehlo("client.example");
            assertEquals(250, ehlo.code());
            assertTrue(ehlo.lines().size() >= 1);
            assertEquals(250, smtp.noop().code());
            SmtpReply rcptFirst = smtp.rcpt("mh1@mh.test");
            assertEquals(5, rcptFirst.replyClass(), "RCPT before MAIL is refused: " + rcptFirst);
            assertEquals(221, smtp.quit().code());
        }
        assertTrue(transcript.render().contains("C: EHLO client.example\\r\\n"), transcript.render());
        assertTrue(transcript.render().contains("S: 221"), transcript.render());
    }

    @Test
    void aMessageSentBySmtpIsRetrievedByPop3ByteForByte() throws IOException {
        Account account = target.accounts().get(1);
        String body = "line one\r\n.starts with a dot\r\n..two dots\r\n.\r\nlast\r\n";
        TestMessage message = new MessageBuilder(3).build("roundtrip-1", "sender@mh.test", List.of(account.address()), "round trip", 10);
        byte[] content = (new String(message.content(), StandardCharsets.US_ASCII).replaceAll("\r\n\r\n.*$", "\r\n\r\n") + body).getBytes(StandardCharsets.US_ASCII);

        try (SmtpSession smtp = SmtpSession.open(target, account, "client.example", null)) {
            SmtpReply reply = smtp.sendMessage("sender@mh.test", List.of(account.address()), content);
            assertEquals(250, reply.code(), reply.toString());
            smtp.quit();
        }

        Transcript transcript = new Transcript();
        await().atMost(10, SECONDS).until(() -> countMessages(account) == 1);
        try (Pop3Session pop3 = Pop3Session.open(target, account, transcript)) {
            MaildropStat stat = pop3.maildropStat();
            assertEquals(1, stat.messageCount());
            List<ScanListing> listings = pop3.scanListings();
            assertEquals(1, listings.size());
            assertEquals(1, pop3.uniqueIdListings().size());
            byte[] retrieved = pop3.retr(1);
            assertNotNull(retrieved);
            String text = new String(retrieved, StandardCharsets.ISO_8859_1);
            assertTrue(text.endsWith(body), "dot-stuffing undone on both hops:\n" + Transcript.visible(text));
            assertTrue(pop3.dele(1).isOk());
            assertTrue(pop3.quit().isOk());
        }
        assertFalse(transcript.render().contains(account.password()), "credentials never reach a transcript");
        assertTrue(transcript.render().contains("C: PASS ****"), transcript.render());
        assertEquals(0, countMessages(account));
    }

    private static int countMessages(Account account) throws IOException {
        try (Pop3Session pop3 = Pop3Session.open(target, account, null)) {
            int count = pop3.maildropStat().messageCount();
            pop3.quit();
            return count;
        }
    }

    @Test
    void wrongPasswordIsANegativeReplyNotACrash() throws IOException {
        Account wrong = new Account("mh3@mh.test", "mh3", "not-the-password", true);
        MailProtocolException e = assertThrows(MailProtocolException.class, () -> Pop3Session.open(target, wrong, null));
        assertEquals("PASS", e.step());
        assertFalse(e.getMessage().contains("not-the-password"));
    }

    @Test
    void aSilentServerTimesOutInsteadOfHanging() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket ignored = silent.accept()) {
                    ignored.getInputStream().read();
                } catch (IOException ignoredToo) {
                    // the client gave up, as it should
                }
            });
            SmtpSettings smtp = new SmtpSettings(new Endpoint("127.0.0.1", silent.getLocalPort()), SmtpSecurity.PLAIN, Optional.empty());
            Timeouts quick = new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(300));
            MailProtocolException e = assertThrows(MailProtocolException.class, () -> SmtpSession.connect(smtp, TlsSettings.verifying(), quick, null));
            assertTrue(e.getCause() instanceof java.net.SocketTimeoutException, "a timeout: " + e.getMessage());
        }
    }

    @Test
    void aClosedPortIsRefusedWithOneLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SmtpSettings smtp = new SmtpSettings(new Endpoint("127.0.0.1", port), SmtpSecurity.PLAIN, Optional.empty());
        MailProtocolException e = assertThrows(MailProtocolException.class, () -> SmtpSession.connect(smtp, TlsSettings.verifying(), Timeouts.defaults(), null));
        assertTrue(e.getMessage().startsWith("connect to SMTP 127.0.0.1:" + port + ": connection refused"), e.getMessage());
    }

    @Test
    void aGreetingWhoseLinesCarryDifferentCodesIsAProtocolError() throws IOException {
        MailProtocolException e = greetedWith("220-welcome\r\n554 go away\r\n");
        assertTrue(e.getMessage().contains("reply lines carry different codes: 220 then 554"), e.getMessage());
    }

    @Test
    void garbageInsteadOfAGreetingIsAProtocolError() throws IOException {
        MailProtocolException e = greetedWith("HTTP/1.1 400 Bad Request\r\n\r\n");
        assertTrue(e.getMessage().contains("malformed server reply"), e.getMessage());
    }

    /** What connecting gives when a server on loopback greets with {@code greeting} and then waits for the client to close. */
    private static MailProtocolException greetedWith(String greeting) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().read();
                } catch (IOException ignored) {
                    // client closed
                }
            });
            SmtpSettings smtp = new SmtpSettings(new Endpoint("127.0.0.1", server.getLocalPort()), SmtpSecurity.PLAIN, Optional.empty());
            return assertThrows(MailProtocolException.class, () -> SmtpSession.connect(smtp, TlsSettings.verifying(), Timeouts.defaults(), null));
        }
    }
}
