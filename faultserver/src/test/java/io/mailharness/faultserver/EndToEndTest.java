package io.mailharness.faultserver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("SMTP in, POP3 out")
class EndToEndTest {

    private FaultyMailServer server;

    @BeforeEach
    void start() {
        server = FaultyMailServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void dotLinesSurviveBothHops() {
        List<String> original = List.of(".", "..", "...", ".x", "..x", " .", ".\t", "." + "d".repeat(997), ".");
        String wire = "Subject: stuff\r\n\r\n" + String.join("\r\n", original.stream()
                .map(l -> l.startsWith(".") ? "." + l : l).toList());
        assertTrue(Mail.send(server, "alice@mailharness.test", wire).startsWith("250"));
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            String retrieved = Mail.retr(pop, 1);
            String afterTrace = retrieved.substring(retrieved.indexOf("Subject: stuff"));
            assertEquals("Subject: stuff\r\n\r\n" + String.join("\r\n", original) + "\r\n", afterTrace);
            assertEquals("+OK 1 " + retrieved.length(), pop.pop("LIST 1"));
        }
    }

    @Test
    void eachRecipientGetsItsOwnCopyNamingOnlyItself() {
        Mail.send(server, "s@client.example", List.of("alice@mailharness.test", "bob@mailharness.test"),
                "Subject: both\r\n\r\nhello");
        String alice = server.store().messages("alice").getFirst().text();
        String bob = server.store().messages("bob").getFirst().text();
        assertTrue(alice.contains("for <alice@mailharness.test>;") && !alice.contains("bob@"));
        assertTrue(bob.contains("for <bob@mailharness.test>;") && !bob.contains("alice@"));
        try (RawClient pop = Mail.pop3Login(server, "bob")) {
            assertEquals(bob, Mail.retr(pop, 1));
        }
    }

    @Test
    void reversePathCaseIsPreserved() {
        Mail.send(server, "MiXed@Client.Example", List.of("alice@mailharness.test"), "x");
        assertTrue(server.store().messages("alice").getFirst().text().startsWith("Return-Path: <MiXed@Client.Example>"));
        assertFalse(server.store().messages("alice").getFirst().reversePath().isEmpty());
    }
}
