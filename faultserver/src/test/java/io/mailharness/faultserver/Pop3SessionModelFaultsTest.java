package io.mailharness.faultserver;

import io.mailharness.protocol.DotStuffing;
import io.mailharness.faultserver.pop3.Pop3Faults;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("POP3 empty listings, LOGIN-DELAY, and the lock, pipelining and STLS faults")
class Pop3SessionModelFaultsTest {

    @Test
    void emptyContentIsJustTheTerminator() {
        assertArrayEquals(".\r\n".getBytes(StandardCharsets.US_ASCII), DotStuffing.multilineResponse(new byte[0], DotStuffing.LineStart.AFTER_CR_OR_LF));
        assertArrayEquals("x\r\n.\r\n".getBytes(StandardCharsets.US_ASCII),
                DotStuffing.multilineResponse("x".getBytes(StandardCharsets.US_ASCII), DotStuffing.LineStart.AFTER_CR_OR_LF));
    }

    @Test
    void listAndUidlOfAnEmptyMaildropHaveNoEmptyLine() {
        try (FaultyMailServer server = FaultyMailServer.start(); RawClient pop = Mail.pop3Login(server, "bob")) {
            assertEquals("", pop.popMulti("LIST"));
            assertEquals("", pop.popMulti("UIDL"));
            assertTrue(pop.pop("NOOP").startsWith("+OK"), "still in step after the empty listings");
        }
    }

    @Test
    void capaAnnouncesNoLoginDelay() {
        try (FaultyMailServer server = FaultyMailServer.start(); RawClient pop = RawClient.pop3(server)) {
            pop.readLine();
            assertTrue(pop.popMulti("CAPA").contains("LOGIN-DELAY 0\r\n"));
        }
    }

    @Test
    void withoutTheLockTwoSessionsOpenTheSameMaildrop() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(Pop3Faults.POP3_NO_MAILDROP_LOCK));
             RawClient a = Mail.pop3Login(server, "alice");
             RawClient b = Mail.pop3Login(server, "alice")) {
            assertTrue(a.pop("STAT").startsWith("+OK"));
            assertTrue(b.pop("STAT").startsWith("+OK"));
        }
        try (FaultyMailServer server = FaultyMailServer.start(); RawClient a = Mail.pop3Login(server, "alice");
             RawClient b = RawClient.pop3(server)) {
            b.readLine();
            b.pop("USER alice");
            assertTrue(b.pop("PASS alice-secret").startsWith("-ERR [IN-USE]"), "the baseline locks");
        }
    }

    @Test
    void pipelinedListIsRefusedOnlyWhenSentAhead() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(Pop3Faults.POP3_PIPELINED_COMMAND_REFUSED));
             RawClient pop = Mail.pop3Login(server, "alice")) {
            assertTrue(pop.pop("LIST 1").startsWith("-ERR"), "no message 1: a plain -ERR from the real LIST");
            pop.send("LIST\r\nNOOP\r\n");
            assertTrue(pop.readLine().startsWith("-ERR Pipelining"));
            assertTrue(pop.readLine().startsWith("+OK"));
            assertEquals("", pop.popMulti("LIST"), "alone, LIST works");
        }
    }

    @Test
    void stlsKeepingPlaintextAnswersTheInjectedCommandInsideTls() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(Pop3Faults.POP3_STLS_KEEPS_PLAINTEXT));
             RawClient pop = RawClient.pop3(server)) {
            pop.readLine();
            pop.send("STLS\r\nCAPA\r\n");
            assertTrue(pop.readLine().startsWith("+OK"));
            pop.startTls();
            assertTrue(pop.readLine().startsWith("+OK"), "the injected CAPA is answered unasked");
        }
        try (FaultyMailServer server = FaultyMailServer.start(); RawClient pop = RawClient.pop3(server)) {
            pop.readLine();
            pop.send("STLS\r\nCAPA\r\n");
            assertTrue(pop.readLine().startsWith("+OK"));
            pop.startTls();
            assertTrue(pop.silentFor(Duration.ofMillis(200)), "the baseline discards the injected CAPA");
        }
    }
}
