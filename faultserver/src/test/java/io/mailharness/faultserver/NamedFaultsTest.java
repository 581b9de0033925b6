package io.mailharness.faultserver;

import io.mailharness.faultserver.pop3.Pop3Faults;
import io.mailharness.faultserver.smtp.SmtpFaults;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Named faults change exactly the behaviour they name")
class NamedFaultsTest {

    private static FaultyMailServer with(Fault fault) {
        return FaultyMailServer.start(Faults.of(fault));
    }

    @Nested
    @DisplayName("SMTP")
    class Smtp {

        @Test
        void greetingNot220() {
            try (FaultyMailServer server = with(SmtpFaults.SMTP_GREETING_NOT_220); RawClient smtp = RawClient.smtp(server)) {
                String greeting = smtp.readReply().getLast();
                assertTrue(greeting.startsWith("250 localhost "), greeting);
                assertTrue(smtp.cmd("EHLO client.example").startsWith("250 "), "rest unchanged");
            }
        }

        @Test
        void ehloContinuationCodeMismatch() {
            try (FaultyMailServer server = with(SmtpFaults.SMTP_EHLO_CONTINUATION_CODE_MISMATCH);
                 RawClient smtp = RawClient.smtp(server)) {
                smtp.readReply();
                List<String> ehlo = smtp.command("EHLO client.example");
                assertTrue(ehlo.get(0).startsWith("250-"));
                assertEquals("251-PIPELINING", ehlo.get(1));
                assertTrue(ehlo.getLast().startsWith("250 "));
                assertTrue(smtp.command("HELO client.example").getFirst().startsWith("250 "));
            }
        }

        @Test
        void ehloEarlyLastLine() {
            try (FaultyMailServer server = with(SmtpFaults.SMTP_EHLO_EARLY_LAST_LINE); RawClient smtp = RawClient.smtp(server)) {
                smtp.readReply();
                List<String> first = smtp.command("EHLO client.example");
                assertEquals(List.of("250 localhost greets client.example"), first);
                assertEquals("250-PIPELINING", smtp.readLine(), "the rest of the reply follows as unsolicited lines");
            }
        }

        @Test
        void heloMultiline() {
            try (FaultyMailServer server = with(SmtpFaults.SMTP_HELO_MULTILINE); RawClient smtp = RawClient.smtp(server)) {
                smtp.readReply();
                List<String> helo = smtp.command("HELO client.example");
                assertTrue(helo.size() > 1 && helo.getFirst().startsWith("250-"), helo.toString());
            }
        }

        @Test
        void noopNot250() {
            try (FaultyMailServer server = with(SmtpFaults.SMTP_NOOP_NOT_250); RawClient smtp = RawClient.smtp(server)) {
                smtp.readReply();
                assertTrue(smtp.cmd("NOOP").startsWith("502"));
                assertTrue(smtp.cmd("RSET").startsWith("250"));
            }
        }

        @Test
        void quitNot221() {
            try (FaultyMailServer server = with(SmtpFaults.SMTP_QUIT_NOT_221); RawClient smtp = RawClient.smtp(server)) {
                smtp.readReply();
                assertTrue(smtp.cmd("QUIT").startsWith("250"));
                assertTrue(smtp.closedByServer());
            }
        }

        @Test
        void quitNotClosing() {
            try (FaultyMailServer server = with(SmtpFaults.SMTP_QUIT_NOT_CLOSING); RawClient smtp = RawClient.smtp(server)) {
                smtp.readReply();
                assertTrue(smtp.cmd("QUIT").startsWith("221"));
                assertTrue(smtp.silentFor(Duration.ofMillis(150)), "connection left open");
                assertTrue(smtp.cmd("NOOP").startsWith("250"));
            }
        }

        @Test
        void unknownCommand250() {
            try (FaultyMailServer server = with(SmtpFaults.SMTP_UNKNOWN_COMMAND_250); RawClient smtp = RawClient.smtp(server)) {
                smtp.readReply();
                assertTrue(smtp.cmd("XYZZY").startsWith("250"));
                assertTrue(smtp.cmd("TURN").startsWith("502"), "known-but-off stays 502");
            }
        }

        @Test
        void rcptWithoutMailNot503() {
            try (FaultyMailServer server = with(SmtpFaults.SMTP_RCPT_WITHOUT_MAIL_NOT_503);
                 RawClient smtp = RawClient.smtp(server)) {
                smtp.readReply();
                smtp.cmd("EHLO client.example");
                assertTrue(smtp.cmd("RCPT TO:<alice@mailharness.test>").startsWith("250"));
                assertTrue(smtp.cmd("DATA").startsWith("503"), "DATA still refused");
            }
        }
    }

    @Nested
    @DisplayName("SMTP message data")
    class SmtpData {

        private String openData(RawClient smtp) {
            smtp.readReply();
            smtp.cmd("EHLO client.example");
            smtp.cmd("MAIL FROM:<a@client.example>");
            smtp.cmd("RCPT TO:<alice@mailharness.test>");
            return smtp.cmd("DATA");
        }

        @Test
        void bareLfEndsDataLetsASecondMessageBeSmuggled() {
            try (FaultyMailServer server = with(SmtpFaults.SMTP_BARE_LF_ENDS_DATA); RawClient smtp = RawClient.smtp(server)) {
                openData(smtp);
                smtp.send("Subject: T\r\n\r\nA\n.\nMAIL FROM:<smuggled@test.example>\r\nRCPT TO:<alice@mailharness.test>\r\n"
                        + "DATA\r\nSubject: SMUGGLED\r\n\r\nB\r\n");
                assertTrue(smtp.readReply().getLast().startsWith("250"), "reply before the real end-of-data");
                assertTrue(smtp.readReply().getLast().startsWith("250"));
                assertTrue(smtp.readReply().getLast().startsWith("250"));
                assertTrue(smtp.readReply().getLast().startsWith("354"));
                assertTrue(smtp.cmd(".").startsWith("250"));
                assertEquals(2, server.store().messages("alice").size());
                assertTrue(server.store().messages("alice").get(1).text().contains("Subject: SMUGGLED"));
            }
        }

        @Test
        void bareLfEndsDataAlsoForLfDotCrlf() {
            try (FaultyMailServer server = with(SmtpFaults.SMTP_BARE_LF_ENDS_DATA); RawClient smtp = RawClient.smtp(server)) {
                openData(smtp);
                smtp.send("Subject: T\r\n\r\nA\n.\r\n");
                assertTrue(smtp.readReply().getLast().startsWith("250"));
                assertTrue(server.store().messages("alice").getFirst().text().endsWith("\r\n\r\nA\r\n"));
            }
        }

        @Test
        void noDotUnstuffing() {
            try (FaultyMailServer server = with(SmtpFaults.SMTP_NO_DOT_UNSTUFFING); RawClient smtp = RawClient.smtp(server)) {
                openData(smtp);
                assertTrue(smtp.cmd("A: b\r\n\r\n..x\r\n.").startsWith("250"));
                assertTrue(server.store().messages("alice").getFirst().text().endsWith("\r\n\r\n..x\r\n"));
            }
        }

        @Test
        void bareLineEndsStoredRaw() {
            try (FaultyMailServer server = with(SmtpFaults.SMTP_BARE_LINE_ENDS_STORED_RAW);
                 RawClient smtp = RawClient.smtp(server)) {
                openData(smtp);
                assertTrue(smtp.cmd("A: b\r\n\r\na\nb\r\n.").startsWith("250"));
                assertTrue(server.store().messages("alice").getFirst().text().endsWith("\r\n\r\na\nb\r\n"));
            }
        }
    }

    @Nested
    @DisplayName("POP3")
    class Pop3 {

        @Test
        void greetingErr() {
            try (FaultyMailServer server = with(Pop3Faults.POP3_GREETING_ERR); RawClient pop = RawClient.pop3(server)) {
                assertTrue(pop.readLine().startsWith("-ERR"));
            }
        }

        @Test
        void greetingLowercaseOk() {
            try (FaultyMailServer server = with(Pop3Faults.POP3_GREETING_LOWERCASE_OK); RawClient pop = RawClient.pop3(server)) {
                assertTrue(pop.readLine().startsWith("+ok Mailharness"));
                assertTrue(pop.pop("USER alice").startsWith("+OK"));
            }
        }

        @Test
        void passWithoutUser() {
            try (FaultyMailServer server = with(Pop3Faults.POP3_PASS_WITHOUT_USER); RawClient pop = RawClient.pop3(server)) {
                pop.readLine();
                assertTrue(pop.pop("PASS bob-secret").startsWith("+OK"));
                assertTrue(server.store().maildrop("bob").isLocked());
            }
        }

        @Test
        void wrongPasswordAccepted() {
            try (FaultyMailServer server = with(Pop3Faults.POP3_WRONG_PASSWORD_ACCEPTED); RawClient pop = RawClient.pop3(server)) {
                pop.readLine();
                pop.pop("USER alice");
                assertTrue(pop.pop("PASS wrong").startsWith("+OK"));
            }
        }

        @Test
        void statDoubleSpaceAndNoSize() {
            try (FaultyMailServer server = with(Pop3Faults.POP3_STAT_DOUBLE_SPACE)) {
                server.insertRaw("alice", "0123456789\r\n");
                try (RawClient pop = Mail.pop3Login(server, "alice")) {
                    assertEquals("+OK 1  12", pop.pop("STAT"));
                }
            }
            try (FaultyMailServer server = with(Pop3Faults.POP3_STAT_NO_SIZE)) {
                server.insertRaw("alice", "0123456789\r\n");
                try (RawClient pop = Mail.pop3Login(server, "alice")) {
                    assertEquals("+OK 1", pop.pop("STAT"));
                }
            }
        }

        @Test
        void quitNoReply() {
            try (FaultyMailServer server = with(Pop3Faults.POP3_QUIT_NO_REPLY); RawClient pop = Mail.pop3Login(server, "alice")) {
                pop.send("QUIT\r\n");
                assertTrue(pop.closedByServer());
            }
        }

        @Test
        void listSizeOffByOne() {
            try (FaultyMailServer server = with(Pop3Faults.POP3_LIST_SIZE_OFF_BY_1)) {
                server.insertRaw("alice", "0123456789\r\n");
                try (RawClient pop = Mail.pop3Login(server, "alice")) {
                    assertEquals("+OK 1 13", pop.pop("LIST 1"));
                    assertEquals("1 13\r\n", pop.popMulti("LIST"));
                    assertEquals("+OK 1 12", pop.pop("STAT"), "only LIST lies");
                }
            }
        }

        @Test
        void retrNotByteStuffed() {
            try (FaultyMailServer server = with(Pop3Faults.POP3_RETR_NOT_BYTE_STUFFED)) {
                server.insertRaw("alice", "A: b\r\n\r\n.hidden\r\nafter\r\n");
                try (RawClient pop = Mail.pop3Login(server, "alice")) {
                    assertEquals("A: b\r\n\r\n.hidden\r\nafter\r\n", pop.popMulti("RETR 1"));
                    assertEquals("A: b\r\n\r\n..hidden\r\n", pop.popMulti("TOP 1 1"), "TOP still stuffs");
                }
            }
        }

        @Test
        void deleWithoutQuit() {
            try (FaultyMailServer server = with(Pop3Faults.POP3_DELE_WITHOUT_QUIT)) {
                server.insertRaw("alice", "x\r\n");
                try (RawClient pop = Mail.pop3Login(server, "alice")) {
                    pop.pop("DELE 1");
                }
                assertEquals(0, server.store().messages("alice").size());
            }
        }

        @Test
        void uidlDuplicated() {
            try (FaultyMailServer server = with(Pop3Faults.POP3_UIDL_DUPLICATED)) {
                server.insertRaw("alice", "same\r\n");
                server.insertRaw("alice", "same\r\n");
                try (RawClient pop = Mail.pop3Login(server, "alice")) {
                    assertEquals(pop.pop("UIDL 1").split(" ")[2], pop.pop("UIDL 2").split(" ")[2]);
                }
            }
        }

        @Test
        void uidlReused() {
            try (FaultyMailServer server = with(Pop3Faults.POP3_UIDL_REUSED)) {
                server.insertRaw("alice", "first\r\n");
                server.insertRaw("alice", "second\r\n");
                String uidOfSecond;
                try (RawClient pop = Mail.pop3Login(server, "alice")) {
                    uidOfSecond = pop.pop("UIDL 2").split(" ")[2];
                    pop.pop("DELE 1");
                    pop.pop("QUIT");
                }
                try (RawClient pop = Mail.pop3Login(server, "alice")) {
                    assertNotEquals(uidOfSecond, pop.pop("UIDL 1").split(" ")[2], "same message, new uid");
                }
            }
        }
    }
}
