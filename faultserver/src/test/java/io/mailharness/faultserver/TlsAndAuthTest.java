package io.mailharness.faultserver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("STARTTLS, STLS and AUTH (RFC 3207, 2595, 4954)")
class TlsAndAuthTest {

    private static final String PLAIN_ALICE = b64("\u0000alice\u0000alice-secret");

    private FaultyMailServer server;

    @BeforeEach
    void start() {
        server = FaultyMailServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String text) {
        return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    }

    @Test
    void authBeforeTlsIsRefused() {
        try (RawClient smtp = RawClient.smtp(server)) {
            smtp.readReply();
            smtp.cmd("EHLO client.example");
            assertTrue(smtp.cmd("AUTH PLAIN " + PLAIN_ALICE).startsWith("538 5.7.11"));
            assertTrue(smtp.cmd("AUTH FOO").startsWith("504"));
        }
    }

    @Test
    void startTlsResetsTheSessionAndOffersAuth() {
        try (RawClient smtp = RawClient.smtp(server)) {
            smtp.readReply();
            smtp.cmd("EHLO client.example");
            smtp.cmd("MAIL FROM:<a@client.example>");
            assertTrue(smtp.cmd("STARTTLS now").startsWith("501"));
            assertTrue(smtp.cmd("STARTTLS").startsWith("220"));
            smtp.startTls();
            assertTrue(smtp.cmd("MAIL FROM:<a@client.example>").startsWith("503"), "EHLO forgotten");
            List<String> ehlo = smtp.command("EHLO client.example");
            assertFalse(ehlo.stream().anyMatch(l -> l.contains("STARTTLS")));
            assertTrue(ehlo.contains("250-AUTH PLAIN LOGIN CRAM-MD5"), ehlo.toString());
            assertTrue(smtp.cmd("RCPT TO:<alice@mailharness.test>").startsWith("503"), "transaction gone");
            assertTrue(smtp.cmd("STARTTLS").startsWith("503"));
            assertTrue(smtp.cmd("AUTH PLAIN " + b64("\u0000alice\u0000wrong")).startsWith("535 5.7.8"));
            assertEquals("235 2.7.0 Authentication successful", smtp.cmd("AUTH PLAIN " + PLAIN_ALICE));
            assertTrue(smtp.cmd("AUTH PLAIN " + PLAIN_ALICE).startsWith("503"));
            smtp.cmd("MAIL FROM:<alice@mailharness.test>");
            assertTrue(smtp.cmd("RCPT TO:<x@foreign.example>").startsWith("250"), "authenticated relay");
            smtp.cmd("DATA");
            assertTrue(smtp.cmd("Subject: out\r\n\r\nx\r\n.").startsWith("250"));
            assertEquals(1, server.store().relayed().size());
            assertTrue(server.store().relayed().getFirst().content().length > 0);
        }
    }

    @Test
    void pipelinedCommandAfterStartTlsIsNeverAnswered() {
        try (RawClient smtp = RawClient.smtp(server)) {
            smtp.readReply();
            smtp.cmd("EHLO client.example");
            smtp.send("STARTTLS\r\nNOOP\r\n");
            assertTrue(smtp.readReply().getLast().startsWith("220"));
            smtp.startTls();
            assertTrue(smtp.silentFor(Duration.ofMillis(150)), "injected NOOP discarded");
            assertTrue(smtp.cmd("NOOP").startsWith("250"));
        }
    }

    @Test
    void authMechanismsOverTls() {
        try (RawClient smtp = RawClient.smtp(server)) {
            smtp.readReply();
            smtp.cmd("EHLO client.example");
            smtp.cmd("STARTTLS");
            smtp.startTls();
            smtp.cmd("EHLO client.example");
            assertEquals("334 ", smtp.cmd("AUTH PLAIN"));
            assertTrue(smtp.cmd("*").startsWith("501"));
            assertTrue(smtp.cmd("AUTH PLAIN !!!").startsWith("501"));
            assertEquals("334 " + b64("Username:"), smtp.cmd("AUTH LOGIN"));
            assertTrue(smtp.cmd("*").startsWith("501"));
            String challenge = smtp.cmd("AUTH CRAM-MD5");
            assertTrue(challenge.startsWith("334 "));
            String nonce = unb64(challenge.substring(4));
            String response = b64("alice " + Credentials.hmacMd5Hex("alice-secret", nonce));
            assertTrue(smtp.cmd(response).startsWith("235"));
        }
    }

    @Test
    void authLoginOverTls() {
        try (RawClient smtp = RawClient.smtp(server)) {
            smtp.readReply();
            smtp.cmd("EHLO client.example");
            smtp.cmd("STARTTLS");
            smtp.startTls();
            smtp.cmd("EHLO client.example");
            smtp.cmd("AUTH LOGIN");
            assertEquals("334 " + b64("Password:"), smtp.cmd(b64("bob")));
            assertTrue(smtp.cmd(b64("bob-secret")).startsWith("235"));
        }
    }

    @Test
    void authWithoutTlsWhenConfigured() {
        server.close();
        server = FaultyMailServer.builder().authWithoutTls(true).start();
        try (RawClient smtp = RawClient.smtp(server)) {
            smtp.readReply();
            assertTrue(smtp.command("EHLO client.example").contains("250-AUTH PLAIN LOGIN CRAM-MD5"));
            assertTrue(smtp.cmd("AUTH PLAIN " + PLAIN_ALICE).startsWith("235"));
        }
    }

    @Test
    void pop3Stls() {
        try (RawClient pop = RawClient.pop3(server)) {
            pop.readLine();
            assertTrue(pop.pop("STLS x").startsWith("-ERR"));
            pop.send("STLS\r\nCAPA\r\n");
            assertTrue(pop.readLine().startsWith("+OK"));
            pop.startTls();
            assertTrue(pop.silentFor(Duration.ofMillis(150)), "injected CAPA discarded");
            assertFalse(pop.popMulti("CAPA").contains("STLS"));
            assertTrue(pop.pop("STLS").startsWith("-ERR"));
            pop.pop("USER alice");
            assertTrue(pop.pop("PASS alice-secret").startsWith("+OK"));
        }
    }
}
