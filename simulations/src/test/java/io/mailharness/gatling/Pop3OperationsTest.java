package io.mailharness.gatling;

import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.gatling.protocol.Pop3Login;
import io.mailharness.record.RunRecord;
import io.mailharness.settings.SmtpAuthMechanism;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The single SMTP and POP3 actions, with AUTH and APOP, against the conforming fault server. */
class Pop3OperationsTest {
    @TempDir
    Path results;

    @Test
    void everyPop3CommandRunsAndSavesItsValues() {
        run(SmtpAuthMechanism.PLAIN, Pop3Login.USER_PASS);

        assertEquals(3, Pop3OperationsSimulation.seen.get("count"));
        assertEquals(3, ((List<?>) Pop3OperationsSimulation.seen.get("sizes")).size());
        assertEquals(3, ((List<?>) Pop3OperationsSimulation.seen.get("uids")).size());
        assertEquals(false, Pop3OperationsSimulation.seen.get("failed"), InProcessGatling.record(Pop3OperationsSimulation.class, results).errors().toString());
        RunRecord record = InProcessGatling.record(Pop3OperationsSimulation.class, results);
        for (String request : List.of("SMTP AUTH", "POP3 USER", "POP3 PASS", "POP3 STAT", "POP3 LIST", "POP3 UIDL", "POP3 TOP", "POP3 RSET", "POP3 QUIT")) {
            assertEquals(1, record.requests().get(request).ok(), request + " in " + record.requests().keySet());
        }
        assertEquals(3, record.requests().get("POP3 RETR").ok(), "RETR 3, then only the two not processed yet (by unique-id)");
        assertEquals(3, record.requests().get("POP3 DELE").ok());
        assertEquals(3, record.ledger().intact(), record.ledger().toString());
        assertEquals(0, record.ledger().duplicated(), "the same unique-id retrieved again is one message, not a duplicate");
        assertEquals(3, record.requests().get(RunRecord.DELIVERY_LATENCY).count());
        assertTrue(record.requests().get("POP3 RETR").ko() == 0);
    }

    @Test
    void cramMd5() {
        run(SmtpAuthMechanism.CRAM_MD5, Pop3Login.USER_PASS);

        RunRecord record = InProcessGatling.record(Pop3OperationsSimulation.class, results);
        assertEquals(1, record.requests().get("SMTP AUTH").ok(), InProcessGatling.record(Pop3OperationsSimulation.class, results).errors().toString());
        assertEquals(3, record.ledger().intact());
    }

    /** APOP (RFC 1939 §7): the digest of the greeting's timestamp and the secret logs in; USER and PASS are not sent. */
    @Test
    void apopLogsIn() {
        run(SmtpAuthMechanism.LOGIN, Pop3Login.APOP);

        RunRecord record = InProcessGatling.record(Pop3OperationsSimulation.class, results);
        assertEquals(1, record.requests().get("SMTP AUTH").ok(), record.errors().toString());
        assertEquals(1, record.requests().get("POP3 APOP").ok(), record.errors().toString());
        assertFalse(record.requests().containsKey("POP3 USER"));
        assertEquals(3, record.ledger().intact(), record.ledger().toString());
    }

    private void run(SmtpAuthMechanism auth, Pop3Login login) {
        try (FaultyMailServer server = FaultyMailServer.builder().authWithoutTls(true).start()) {
            Pop3OperationsSimulation.target = InProcessGatling.target(server, Duration.ofSeconds(5));
            Pop3OperationsSimulation.auth = auth;
            Pop3OperationsSimulation.login = login;
            InProcessGatling.run(Pop3OperationsSimulation.class, results);
        }
    }
}
