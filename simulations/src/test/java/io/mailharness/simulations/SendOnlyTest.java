package io.mailharness.simulations;

import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.gatling.InProcessGatling;
import io.mailharness.record.Ledger;
import io.mailharness.record.RunRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A target without POP3, or delivery tracking turned off, makes a bundled simulation send-only: the
 * ledger counts sent, accepted and rejected, nothing is retrieved or asserted about delivery.
 */
class SendOnlyTest {
    private static final List<String> PROPERTIES = List.of("mailharness.target.file", "mailharness.target", "mailharness.duration",
            "mailharness.rate", "mailharness.users", "mailharness.messagesPerConnection", "mailharness.deliveryTracking", "mailharness.messageMix");

    @TempDir
    Path results;

    @AfterEach
    void clear() {
        PROPERTIES.forEach(System::clearProperty);
    }

    private static void assertSendOnly(RunRecord record) {
        Ledger l = record.ledger();
        assertTrue(l.accepted() > 0, l.toString());
        assertEquals(l.sent(), l.accepted() + l.rejected());
        assertEquals(0, l.lost(), "nothing is owed, so nothing is lost");
        assertFalse(record.delivery().retrievalChecked());
        assertEquals(0, record.delivery().deliveries());
        assertFalse(record.requests().containsKey("ledger lost"), "no verdict on delivery: " + record.requests().keySet());
        assertTrue(record.requests().keySet().stream().noneMatch(r -> r.startsWith("POP3")), record.requests().keySet().toString());
    }

    @Test
    void aTargetWithoutPop3MakesSmtpConstantRateSendOnly() throws IOException {
        try (FaultyMailServer server = FaultyMailServer.start()) {
            Path file = results.resolve("smtp-only.conf");
            Files.writeString(file, """
                    targets { smtp-only {
                      smtp { host = "127.0.0.1", port = %d }
                      timeouts { connect = 2s, read = 5s }
                      accounts = [ { address = "alice@mailharness.test", password = "alice-secret", disposable = true } ]
                    } }
                    """.formatted(server.smtpPort()));
            System.setProperty("mailharness.target.file", file.toString());
            System.setProperty("mailharness.duration", "2");
            System.setProperty("mailharness.rate", "3");
            System.setProperty("mailharness.messageMix", "fixed:2k");

            assertEquals(0, InProcessGatling.run(SmtpConstantRate.class, results), "only the error rate is asserted");

            RunRecord record = InProcessGatling.record(SmtpConstantRate.class, results);
            assertSendOnly(record);
            assertEquals("true", record.parameters().get("sendOnly"));
        }
    }

    @Test
    void deliveryTrackingOffMakesSmtpSessionsSendOnlyEvenWithPop3() {
        try (FaultyMailServer server = FaultyMailServer.start()) {
            Path file = results.resolve("faulty.conf");
            try {
                Files.writeString(file, """
                        targets { faulty {
                          smtp { host = "127.0.0.1", port = %d }
                          pop3 { host = "127.0.0.1", port = %d }
                          timeouts { connect = 2s, read = 5s }
                          accounts = [ { address = "alice@mailharness.test", password = "alice-secret", disposable = true } ]
                        } }
                        """.formatted(server.smtpPort(), server.pop3Port()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            System.setProperty("mailharness.target.file", file.toString());
            System.setProperty("mailharness.duration", "2");
            System.setProperty("mailharness.users", "2");
            System.setProperty("mailharness.messagesPerConnection", "3");
            System.setProperty("mailharness.deliveryTracking", "false");

            assertEquals(0, InProcessGatling.run(SmtpSessions.class, results));

            assertSendOnly(InProcessGatling.record(SmtpSessions.class, results));
            assertFalse(server.store().messages("alice").isEmpty(), "the messages were delivered, just not checked");
        }
    }
}
