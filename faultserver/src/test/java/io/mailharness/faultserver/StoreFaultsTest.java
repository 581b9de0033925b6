package io.mailharness.faultserver;

import io.mailharness.faultserver.store.StoreFaults;
import io.mailharness.faultserver.store.StoredMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Store faults: what 250 accepted is not what POP3 finds")
class StoreFaultsTest {

    private static final List<String> BOTH = List.of("alice@mailharness.test", "bob@mailharness.test");
    private static final String MESSAGE = "Subject: s\r\n\r\nHello body";

    @Test
    void baselineStoresOneCopyPerRecipient() {
        try (FaultyMailServer server = FaultyMailServer.start()) {
            assertTrue(Mail.send(server, "s@client.example", BOTH, MESSAGE).startsWith("250"));
            assertEquals(1, server.store().messages("alice").size());
            assertEquals(1, server.store().messages("bob").size());
        }
    }

    @Test
    void loseMessage() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(StoreFaults.STORE_LOSE_MESSAGE))) {
            assertTrue(Mail.send(server, "s@client.example", BOTH, MESSAGE).startsWith("250"));
            assertEquals(0, server.store().totalMessages());
        }
    }

    @Test
    void duplicateMessage() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(StoreFaults.STORE_DUPLICATE_MESSAGE))) {
            Mail.send(server, "s@client.example", BOTH, MESSAGE);
            assertEquals(2, server.store().messages("alice").size());
            assertEquals(2, server.store().messages("bob").size());
            List<StoredMessage> copies = server.store().messages("alice");
            assertTrue(copies.get(0).sameContentAs(copies.get(1)));
            assertNotEquals(copies.get(0).uid(), copies.get(1).uid());
        }
    }

    @Test
    void alterOneBodyOctet() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(StoreFaults.STORE_ALTER_BODY_BYTE))) {
            Mail.send(server, "alice@mailharness.test", MESSAGE);
            String stored = server.store().messages("alice").getFirst().text();
            assertTrue(stored.endsWith("Subject: s\r\n\r\n#ello body\r\n"), stored);
        }
    }

    @Test
    void firstRecipientOnly() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(StoreFaults.STORE_FIRST_RECIPIENT_ONLY))) {
            assertTrue(Mail.send(server, "s@client.example", BOTH, MESSAGE).startsWith("250"));
            assertEquals(1, server.store().messages("alice").size());
            assertEquals(0, server.store().messages("bob").size());
        }
    }

    @Test
    void rawInsertionBypassesStoreFaults() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(StoreFaults.STORE_LOSE_MESSAGE))) {
            server.insertRaw("alice", "raw");
            assertEquals("raw", server.store().messages("alice").getFirst().text());
        }
    }
}
