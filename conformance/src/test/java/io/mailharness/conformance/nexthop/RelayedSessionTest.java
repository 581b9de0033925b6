package io.mailharness.conformance.nexthop;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayedSessionTest {
    private static RelayedSession read(String client) {
        return RelayedSession.read(1, client.getBytes(StandardCharsets.ISO_8859_1), true);
    }

    @Test
    void theDataRunsToCrlfDotCrlfOnlyStuffingAndBareLineEndsKept() {
        RelayedSession session = read("EHLO relay.test\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nDATA\r\n"
                + "x\n.\ny\r\n..z\r\n.\r\nQUIT\r\n");
        assertEquals(1, session.transactions().size());
        RelayedSession.Transaction t = session.transactions().get(0);
        assertEquals("x\n.\ny\r\n..z\r\n", t.dataText(), "a bare-LF look-alike is data; the stuffed line stays stuffed");
        assertTrue(t.ended());
        assertEquals(List.of("EHLO relay.test", "MAIL FROM:<a@b.test>", "RCPT TO:<c@d.test>", "DATA", "QUIT"), session.commands());
    }

    @Test
    void whatFollowsAnEarlyEndOfDataIsReadAsCommandsAndTransactions() {
        RelayedSession session = read("EHLO r\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nDATA\r\nA\r\n.\r\n"
                + "MAIL FROM:<smuggled@test.example>\r\nRCPT TO:<s@d.test>\r\nDATA\r\nB\r\n.\r\nC\r\nQUIT\r\n");
        assertEquals(2, session.transactions().size());
        assertEquals("A\r\n", session.transactions().get(0).dataText());
        assertEquals("MAIL FROM:<smuggled@test.example>", session.transactions().get(1).mailFrom());
        assertTrue(session.commands().contains("C"), "a message line that escaped its DATA shows as a command");
    }

    @Test
    void anEmptyMessageAndAnUnfinishedOne() {
        RelayedSession empty = read("MAIL FROM:<>\r\nRCPT TO:<c@d.test>\r\nDATA\r\n.\r\nQUIT\r\n");
        assertEquals("", empty.transactions().get(0).dataText());
        assertTrue(empty.transactions().get(0).ended());
        RelayedSession cut = read("MAIL FROM:<>\r\nRCPT TO:<c@d.test>\r\nDATA\r\nsome\r\nda");
        assertFalse(cut.transactions().get(0).ended());
        assertEquals("some\r\nda", cut.transactions().get(0).dataText());
    }

    @Test
    void dataWithoutARecipientStartsNoMessage() {
        RelayedSession session = read("MAIL FROM:<a@b.test>\r\nDATA\r\nQUIT\r\n");
        assertEquals(0, session.transactions().size());
        assertEquals(3, session.commands().size());
    }
}
