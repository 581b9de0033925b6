package io.mailharness.faultserver;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleTest {

    @Test
    void listensOnLoopbackFreePortsAndStopsOnClose() {
        FaultyMailServer server = FaultyMailServer.start();
        int smtp = server.smtpPort();
        int pop3 = server.pop3Port();
        assertNotEquals(smtp, pop3);
        assertEquals("127.0.0.1", server.host());
        server.close();
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", smtp).close());
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", pop3).close());
    }

    @Test
    void idleSmtpSessionGets421OnShutdown() {
        FaultyMailServer server = FaultyMailServer.start();
        try (RawClient smtp = RawClient.smtp(server)) {
            smtp.readReply();
            assertTrue(smtp.cmd("NOOP").startsWith("250"));
            server.close();
            assertTrue(smtp.readLine().startsWith("421 4.3.2"));
            assertTrue(smtp.closedByServer());
        }
    }

    @Test
    void accountsAndMaildropsAreConfigurable() {
        try (FaultyMailServer server = FaultyMailServer.builder().localDomain("example.test")
                .account("carol", "carol-pw").start()) {
            assertEquals("carol@example.test", server.account("carol").address());
            assertTrue(server.store().hasMaildrop("carol") && server.store().hasMaildrop("postmaster"));
            assertTrue(!server.account("carol").toString().contains("carol-pw"), "no password in toString");
            assertTrue(Mail.send(server, "carol@example.test", "x").startsWith("250"));
            try (RawClient pop = Mail.pop3Login(server, "carol")) {
                assertTrue(pop.pop("STAT").startsWith("+OK 1 "));
            }
        }
    }
}
