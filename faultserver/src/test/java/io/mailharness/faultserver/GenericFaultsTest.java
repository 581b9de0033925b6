package io.mailharness.faultserver;

import io.mailharness.faultserver.pop3.Pop3Faults;
import io.mailharness.faultserver.pop3.Pop3Stage;
import io.mailharness.faultserver.smtp.SmtpFaults;
import io.mailharness.faultserver.smtp.SmtpStage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Generic faults: chosen reply, stall and drop at a stage")
class GenericFaultsTest {

    private static final String ALICE = "alice@mailharness.test";

    /** Drives a session to {@code stage} and returns the reply line the stage produced (or null on stall). */
    private static final List<SmtpStage> DRIVEN = List.of(SmtpStage.GREETING, SmtpStage.EHLO, SmtpStage.MAIL,
            SmtpStage.RCPT, SmtpStage.DATA, SmtpStage.END_OF_DATA, SmtpStage.RSET, SmtpStage.QUIT);

    private static String driveTo(RawClient smtp, SmtpStage stage) {
        String greeting = smtp.readReply().getLast();
        if (stage == SmtpStage.GREETING) {
            return greeting;
        }
        String ehlo = smtp.cmd("EHLO client.example");
        return switch (stage) {
            case EHLO -> ehlo;
            case RSET -> smtp.cmd("RSET");
            case QUIT -> smtp.cmd("QUIT");
            default -> {
                String mail = smtp.cmd("MAIL FROM:<a@client.example>");
                if (stage == SmtpStage.MAIL) {
                    yield mail;
                }
                String rcpt = smtp.cmd("RCPT TO:<" + ALICE + ">");
                if (stage == SmtpStage.RCPT) {
                    yield rcpt;
                }
                String data = smtp.cmd("DATA");
                yield stage == SmtpStage.DATA ? data : smtp.cmd("Subject: x\r\n\r\nbody\r\n.");
            }
        };
    }

    @ParameterizedTest
    @EnumSource(value = SmtpStage.class, names = {"GREETING", "EHLO", "MAIL", "RCPT", "DATA", "END_OF_DATA", "RSET", "QUIT"})
    void smtpReplyAtStage(SmtpStage stage) {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(SmtpFaults.replyAt(stage, 451, "4.3.0 try later")));
             RawClient smtp = RawClient.smtp(server)) {
            assertEquals("451 4.3.0 try later", driveTo(smtp, stage));
        }
    }

    @Test
    void smtpReplyAtStageLeavesOtherStagesAlone() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(SmtpFaults.replyAt(SmtpStage.RCPT, 452, "4.2.2 full")));
             RawClient smtp = RawClient.smtp(server)) {
            assertTrue(driveTo(smtp, SmtpStage.MAIL).startsWith("250"));
            assertEquals("452 4.2.2 full", smtp.cmd("RCPT TO:<" + ALICE + ">"));
            assertTrue(smtp.cmd("NOOP").startsWith("250"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = SmtpStage.class, names = {"GREETING", "EHLO", "MAIL", "RCPT", "DATA", "END_OF_DATA", "RSET", "QUIT"})
    void smtpStallAtStage(SmtpStage stage) {
        RawClient smtp;
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(SmtpFaults.stallAt(stage)))) {
            smtp = RawClient.smtp(server);
            if (stage != SmtpStage.GREETING) {
                SmtpStage before = DRIVEN.get(DRIVEN.indexOf(stage) - 1);
                driveTo(smtp, before);
                smtp.send(switch (stage) {
                    case EHLO -> "EHLO again.example\r\n";
                    case MAIL -> "MAIL FROM:<a@client.example>\r\n";
                    case RCPT -> "RCPT TO:<" + ALICE + ">\r\n";
                    case DATA -> "DATA\r\n";
                    case END_OF_DATA -> "x\r\n.\r\n";
                    case RSET -> "RSET\r\n";
                    default -> "QUIT\r\n";
                });
            }
            assertTrue(smtp.silentFor(Duration.ofMillis(100)), "no reply at " + stage);
            assertTrue(smtp.silentFor(Duration.ofMillis(50)), "and the connection is still open");
        }
        assertTrue(smtp.closedByServer(), "closing the server ends the stalled session");
        smtp.close();
    }

    @Test
    void smtpDropMidData() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(SmtpFaults.dropAfterBodyOctets(100)));
             RawClient smtp = RawClient.smtp(server)) {
            driveTo(smtp, SmtpStage.DATA);
            smtp.send("Subject: x\r\n\r\n");
            assertTrue(smtp.silentFor(Duration.ofMillis(100)), "still open before 100 octets");
            smtp.send(("z".repeat(60) + "\r\n").repeat(3));
            assertTrue(smtp.closedByServer());
            assertEquals(0, server.store().totalMessages());
        }
    }

    @Test
    void smtpDropMidBdat() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(SmtpFaults.dropAfterBodyOctets(20_000)));
             RawClient smtp = RawClient.smtp(server)) {
            driveTo(smtp, SmtpStage.RCPT);
            smtp.send("BDAT 30000 LAST\r\n" + "b".repeat(30_000));
            assertTrue(smtp.closedByServer());
            assertEquals(0, server.store().totalMessages());
        }
    }

    @Test
    void smtpDropAtStageClosesWithoutReply() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(SmtpFaults.dropAt(SmtpStage.MAIL)));
             RawClient smtp = RawClient.smtp(server)) {
            driveTo(smtp, SmtpStage.EHLO);
            smtp.send("MAIL FROM:<a@client.example>\r\n");
            assertTrue(smtp.closedByServer());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Pop3Stage.class, names = {"GREETING", "USER", "PASS", "STAT", "LIST", "UIDL", "RETR", "TOP",
            "DELE", "RSET", "NOOP", "QUIT", "CAPA"})
    void pop3ReplyAtCommand(Pop3Stage stage) {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(Pop3Faults.replyAt(stage, "-ERR [SYS/TEMP] injected")))) {
            server.insertRaw("alice", "Subject: x\r\n\r\nbody\r\n");
            try (RawClient pop = RawClient.pop3(server)) {
                String greeting = pop.readLine();
                if (stage == Pop3Stage.GREETING) {
                    assertEquals("-ERR [SYS/TEMP] injected", greeting);
                    return;
                }
                Function<String, String> expectOk = line -> {
                    String status = pop.pop(line);
                    assertTrue(status.startsWith("+OK"), line + " -> " + status);
                    return status;
                };
                String command = switch (stage) {
                    case USER -> "USER alice";
                    case PASS -> "PASS alice-secret";
                    case CAPA -> "CAPA";
                    default -> null;
                };
                if (stage != Pop3Stage.USER && stage != Pop3Stage.CAPA) {
                    expectOk.apply("USER alice");
                }
                if (command == null) {
                    expectOk.apply("PASS alice-secret");
                    command = switch (stage) {
                        case RETR, DELE -> stage + " 1";
                        case TOP -> "TOP 1 0";
                        default -> stage.name();
                    };
                }
                assertEquals("-ERR [SYS/TEMP] injected", pop.pop(command));
            }
        }
    }

    @Test
    void pop3StallAtQuit() {
        RawClient pop;
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(Pop3Faults.stallAt(Pop3Stage.QUIT)))) {
            pop = Mail.pop3Login(server, "alice");
            pop.send("QUIT\r\n");
            assertTrue(pop.silentFor(Duration.ofMillis(150)));
        }
        assertTrue(pop.closedByServer());
        pop.close();
    }

    @Test
    void pop3DropAtRetr() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(Pop3Faults.dropAt(Pop3Stage.RETR)))) {
            server.insertRaw("alice", "x\r\n");
            try (RawClient pop = Mail.pop3Login(server, "alice")) {
                pop.send("RETR 1\r\n");
                assertTrue(pop.closedByServer());
            }
        }
    }
}
