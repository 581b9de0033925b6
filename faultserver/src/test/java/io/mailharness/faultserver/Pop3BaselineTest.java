package io.mailharness.faultserver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Conforming POP3 baseline (RFC 1939, 2449, 3206)")
class Pop3BaselineTest {

    private static final Pattern TIMESTAMP = Pattern.compile("<[^<>@]+@[^<>]+>");

    private FaultyMailServer server;

    @BeforeEach
    void start() {
        server = FaultyMailServer.start();
        server.insertRaw("alice", "Subject: one\r\n\r\nfirst\r\n");
        server.insertRaw("alice", "Subject: two\r\n\r\n.\r\n..x\r\n.x\r\nlast\r\n.\r\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void greetingHasADifferentApopTimestampEachTime() {
        try (RawClient a = RawClient.pop3(server); RawClient b = RawClient.pop3(server)) {
            String first = a.readLine();
            String second = b.readLine();
            assertTrue(first.startsWith("+OK "), first);
            Matcher m1 = TIMESTAMP.matcher(first);
            Matcher m2 = TIMESTAMP.matcher(second);
            assertTrue(m1.find() && m2.find());
            assertNotEquals(m1.group(), m2.group());
        }
    }

    @Test
    void userPassStatListUidl() {
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            long size1 = server.store().messages("alice").get(0).size();
            long size2 = server.store().messages("alice").get(1).size();
            assertEquals("+OK 2 " + (size1 + size2), pop.pop("STAT"));
            assertEquals("1 " + size1 + "\r\n2 " + size2 + "\r\n", pop.popMulti("LIST"));
            assertEquals("+OK 2 " + size2, pop.pop("LIST 2"));
            assertTrue(pop.pop("LIST 3").startsWith("-ERR"));
            String uidl = pop.popMulti("UIDL");
            String[] lines = uidl.split("\r\n");
            assertEquals(2, lines.length);
            assertTrue(lines[0].matches("1 [\\x21-\\x7e]{1,70}"), lines[0]);
            assertNotEquals(lines[0].substring(2), lines[1].substring(2));
            assertEquals("+OK " + lines[1], pop.pop("UIDL 2"));
        }
    }

    @Test
    void retrIsByteStuffedAndSizesMatch() {
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            String stuffed = pop.popMulti("RETR 2");
            assertEquals("Subject: two\r\n\r\n..\r\n...x\r\n..x\r\nlast\r\n..\r\n", stuffed);
            String unstuffed = Mail.unstuff(stuffed);
            assertEquals(server.store().messages("alice").get(1).text(), unstuffed);
            assertEquals("+OK 2 " + unstuffed.length(), pop.pop("LIST 2"));
        }
    }

    @Test
    void messageWithoutFinalCrlfAndBareLfLines() {
        server.insertRaw("bob", "Subject: nofinal\r\n\r\nno final line end");
        server.insertRaw("bob", "Subject: lf\n\n.\nline\r\n.hidden\n");
        try (RawClient pop = Mail.pop3Login(server, "bob")) {
            String first = pop.popMulti("RETR 1");
            assertEquals("Subject: nofinal\r\n\r\nno final line end\r\n", first);
            assertEquals("+OK 1 " + first.length(), pop.pop("LIST 1"), "LIST counts the CRLF the server adds");
            String second = pop.popMulti("RETR 2");
            assertEquals("Subject: lf\n\n..\nline\r\n..hidden\n\r\n", second);
        }
    }

    @Test
    void topReturnsHeaderBlankLineAndNLines() {
        server.insertRaw("bob", "A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\nl3\r\nl4\r\n");
        try (RawClient pop = Mail.pop3Login(server, "bob")) {
            assertEquals("A: 1\r\nB: 2\r\n\r\n", pop.popMulti("TOP 1 0"));
            assertEquals("A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\nl3\r\n", pop.popMulti("TOP 1 3"));
            assertEquals("A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\nl3\r\nl4\r\n", pop.popMulti("TOP 1 100000"));
            assertTrue(pop.pop("TOP 1").startsWith("-ERR"));
            assertTrue(pop.pop("TOP 1 -1").startsWith("-ERR"));
        }
    }

    @Test
    void badCredentialsGetAuthResponseCode() {
        try (RawClient pop = RawClient.pop3(server)) {
            pop.readLine();
            assertTrue(pop.pop("PASS alice-secret").startsWith("-ERR"), "PASS without USER");
            assertTrue(pop.pop("USER alice").startsWith("+OK"));
            assertTrue(pop.pop("PASS wrong").startsWith("-ERR [AUTH]"));
            assertTrue(pop.pop("PASS alice-secret").startsWith("-ERR"), "USER must be repeated");
            assertTrue(pop.pop("USER alice").startsWith("+OK"));
            assertTrue(pop.pop("PASS alice-secret").startsWith("+OK"));
        }
    }

    @Test
    void apopWithTheGreetingTimestamp() {
        try (RawClient pop = RawClient.pop3(server)) {
            Matcher m = TIMESTAMP.matcher(pop.readLine());
            assertTrue(m.find());
            String digest = Credentials.md5Hex(m.group() + "alice-secret");
            assertTrue(pop.pop("APOP alice " + "0".repeat(32)).startsWith("-ERR [AUTH]"));
            assertTrue(pop.pop("APOP alice " + digest).startsWith("+OK"));
        }
    }

    @Test
    void authPlainWithAndWithoutInitialResponse() {
        String plain = Base64.getEncoder().encodeToString("\u0000alice\u0000alice-secret".getBytes(StandardCharsets.UTF_8));
        try (RawClient pop = RawClient.pop3(server)) {
            pop.readLine();
            assertTrue(pop.pop("AUTH FOO").startsWith("-ERR"));
            assertEquals("+ ", pop.pop("AUTH PLAIN"));
            assertTrue(pop.pop("*").startsWith("-ERR"));
            assertTrue(pop.pop("AUTH PLAIN !!!").startsWith("-ERR"));
            assertEquals("+ ", pop.pop("AUTH PLAIN"));
            assertTrue(pop.pop(plain).startsWith("+OK"));
        }
    }

    @Test
    void capaBeforeAndAfterLogin() {
        try (RawClient pop = RawClient.pop3(server)) {
            pop.readLine();
            List<String> before = List.of(pop.popMulti("CAPA").split("\r\n"));
            assertTrue(before.containsAll(List.of("TOP", "UIDL", "USER", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING",
                    "STLS", "SASL PLAIN", "UTF8")), before.toString());
            pop.pop("USER alice");
            pop.pop("PASS alice-secret");
            List<String> after = List.of(pop.popMulti("CAPA").split("\r\n"));
            assertFalse(after.contains("USER") || after.contains("STLS"));
            assertTrue(after.containsAll(List.of("TOP", "UIDL", "RESP-CODES", "PIPELINING", "UTF8")));
        }
    }

    @Test
    void commandsInTheWrongStateAreRefused() {
        try (RawClient pop = RawClient.pop3(server)) {
            pop.readLine();
            for (String command : List.of("STAT", "LIST", "RETR 1", "DELE 1", "NOOP", "RSET", "TOP 1 0", "UIDL")) {
                assertTrue(pop.pop(command).startsWith("-ERR"), command);
            }
            assertTrue(pop.pop("XYZZY").startsWith("-ERR"));
            assertTrue(pop.pop("").startsWith("-ERR"));
            assertTrue(pop.pop("UTF8").startsWith("+OK"));
            pop.pop("USER alice");
            pop.pop("PASS alice-secret");
            for (String command : List.of("USER alice", "PASS x", "APOP alice " + "0".repeat(32), "AUTH PLAIN", "STLS",
                    "UTF8")) {
                assertTrue(pop.pop(command).startsWith("-ERR"), command);
            }
            assertTrue(pop.pop("stat").startsWith("+OK 2 "), "still in TRANSACTION, verbs case-insensitive");
            assertEquals("+OK", pop.pop("noop"));
        }
    }

    @Test
    void badMessageArguments() {
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            for (String command : List.of("RETR abc", "RETR 0", "RETR -1", "RETR 999999", "RETR", "RETR 1 2")) {
                assertTrue(pop.pop(command).startsWith("-ERR"), command);
            }
            assertTrue(pop.pop("NOOP").startsWith("+OK"));
        }
    }

    @Test
    void deleHidesTheMessageAndRsetRestoresIt() {
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            long size2 = server.store().messages("alice").get(1).size();
            assertTrue(pop.pop("DELE 1").startsWith("+OK"));
            for (String command : List.of("RETR 1", "LIST 1", "TOP 1 0", "UIDL 1", "DELE 1")) {
                assertTrue(pop.pop(command).startsWith("-ERR"), command);
            }
            assertEquals("+OK 1 " + size2, pop.pop("STAT"));
            assertEquals("2 " + size2 + "\r\n", pop.popMulti("LIST"));
            assertTrue(pop.pop("RSET").startsWith("+OK"));
            assertTrue(pop.pop("STAT").startsWith("+OK 2 "));
        }
    }

    @Test
    void quitEntersUpdateAndRenumbers() {
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            pop.pop("DELE 1");
            assertTrue(pop.pop("QUIT").startsWith("+OK"));
            assertTrue(pop.closedByServer());
        }
        assertEquals(1, server.store().messages("alice").size());
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            assertTrue(Mail.retr(pop, 1).startsWith("Subject: two"));
        }
    }

    @Test
    void dropWithoutQuitDeletesNothingAndReleasesTheLock() {
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            pop.pop("DELE 1");
        }
        await().until(() -> !server.store().maildrop("alice").isLocked());
        assertEquals(2, server.store().messages("alice").size());
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            assertTrue(Mail.retr(pop, 1).startsWith("Subject: one"));
        }
    }

    @Test
    void secondLoginIsInUse() {
        try (RawClient first = Mail.pop3Login(server, "alice"); RawClient second = RawClient.pop3(server)) {
            second.readLine();
            second.pop("USER alice");
            assertTrue(second.pop("PASS alice-secret").startsWith("-ERR [IN-USE]"));
            assertTrue(first.pop("STAT").startsWith("+OK 2"));
        }
    }

    @Test
    void sessionSeesTheSnapshotOfLoginTime() {
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            String before = pop.pop("STAT");
            server.insertRaw("alice", "Subject: late\r\n\r\nx\r\n");
            assertEquals(before, pop.pop("STAT"));
            pop.pop("RSET");
            assertEquals(before, pop.pop("STAT"));
        }
    }

    @Test
    void pipelinedCommandsAnsweredInOrder() {
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            pop.send("STAT\r\nLIST\r\nUIDL\r\nNOOP\r\n");
            assertTrue(pop.readLine().startsWith("+OK 2 "));
            assertTrue(pop.readLine().startsWith("+OK"));
            pop.readMultilineBody();
            assertTrue(pop.readLine().startsWith("+OK"));
            pop.readMultilineBody();
            assertEquals("+OK", pop.readLine());
        }
    }

    @Test
    void uidsPersistAndAreNotReused() {
        String uid1;
        String uid2;
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            uid1 = pop.pop("UIDL 1").split(" ")[2];
            uid2 = pop.pop("UIDL 2").split(" ")[2];
            pop.pop("DELE 1");
            pop.pop("QUIT");
        }
        server.insertRaw("alice", "Subject: one\r\n\r\nfirst\r\n");
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            assertEquals("+OK 1 " + uid2, pop.pop("UIDL 1"));
            assertNotEquals(uid1, pop.pop("UIDL 2").split(" ")[2]);
        }
    }

    @Test
    void bareLfCommandIsOneError() {
        try (RawClient pop = Mail.pop3Login(server, "alice")) {
            pop.send("NOOP\nSTAT\r\n");
            assertTrue(pop.readLine().startsWith("-ERR"));
            assertEquals("+OK", pop.pop("NOOP"));
        }
    }

    @Test
    void passWith255OctetLineIsProcessed() {
        try (RawClient pop = RawClient.pop3(server)) {
            pop.readLine();
            pop.pop("USER alice");
            assertTrue(pop.pop("PASS " + "p".repeat(255 - 7)).startsWith("-ERR [AUTH]"));
        }
    }

    @Test
    void quitBeforeLoginDeletesNothing() {
        try (RawClient pop = RawClient.pop3(server)) {
            pop.readLine();
            assertTrue(pop.pop("QUIT").startsWith("+OK"));
            assertTrue(pop.closedByServer());
        }
        assertEquals(2, server.store().messages("alice").size());
    }
}
