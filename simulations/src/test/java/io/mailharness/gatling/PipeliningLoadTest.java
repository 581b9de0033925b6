package io.mailharness.gatling;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mailharness.faultserver.Faults;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.faultserver.smtp.SmtpFaults;
import io.mailharness.faultserver.smtp.SmtpStage;
import io.mailharness.record.Ledger;
import io.mailharness.record.RunRecord;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;
import io.mailharness.settings.TargetSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 2920 pipelining in a load run: stages still timed one by one, and a silent fallback where it is not advertised. */
class PipeliningLoadTest {
    @TempDir
    Path results;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger actionLogger = (Logger) LoggerFactory.getLogger("io.mailharness.gatling.action.PipeliningFallback");

    @BeforeEach
    void captureLog() {
        log.start();
        actionLogger.addAppender(log);
    }

    @AfterEach
    void reset() {
        actionLogger.detachAppender(log);
        ScriptedSimulation.resetDefaults();
    }

    private List<String> fallbackWarnings() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("does not advertise PIPELINING")).toList();
    }

    @Test
    void pipelinedTransactionsAreTimedPerStageAndDeliveredIntact() {
        try (FaultyMailServer server = FaultyMailServer.start()) {
            ScriptedSimulation.pipelining = true;
            ScriptedSimulation.cases = List.of(new ScriptedSimulation.Case("piped", server.settings(Duration.ofSeconds(5)), 6, 3, true));

            InProcessGatling.run(ScriptedSimulation.class, results);

            RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
            assertEquals(new Ledger(6, 6, 0, 6, 6, 0, 0, 0), record.ledger());
            for (String stage : List.of("MAIL", "RCPT", "DATA", "end-of-data")) {
                assertEquals(6, record.requests().get("piped " + stage).ok(), stage);
            }
            assertEquals(2, record.requests().get("piped connect+greeting").ok(), "three transactions per connection");
            assertEquals(List.of(), fallbackWarnings());
        }
    }

    @Test
    void theNextTransactionsCommandsGoWithTheEndOfDataAndARefusedNextMailIsTheNextMessagesOwn() throws Exception {
        try (FaultyMailServer pop3 = FaultyMailServer.start(); GroupingSmtpServer smtp = new GroupingSmtpServer(2)) {
            TargetSettings faulty = pop3.settings(Duration.ofSeconds(5));
            TargetSettings target = new TargetSettings(faulty.name(), "grouping SMTP, FaultyMailServer POP3", faulty.domain(),
                    Optional.of(new SmtpSettings(new Endpoint("127.0.0.1", smtp.port()), SmtpSecurity.PLAIN, Optional.empty())),
                    faulty.pop3(), faulty.tls(), faulty.timeouts(), faulty.accounts(), faulty.limits(), faulty.reconnect(), faulty.relay());
            ScriptedSimulation.pipelining = true;
            ScriptedSimulation.cases = List.of(new ScriptedSimulation.Case("grouped", target, 6, 3, false));

            InProcessGatling.run(ScriptedSimulation.class, results);

            RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
            // Netty engine, connection 1: message 1 (its end-of-data carries message 2's MAIL), message 2 refused at MAIL
            // and RSET, message 3 (carrying message 4's MAIL), message 4 its third and last (QUIT after its reply);
            // connection 2: message 5 carrying message 6's MAIL, message 6 carrying the scenario's QUIT.
            // The blocking engine sends nothing after an end-of-data before its reply.
            List<String> expected = MailEngine.fromProperty() == MailEngine.NETTY ? List.of("MAIL FROM", "MAIL FROM", "", "MAIL FROM", "QUIT")
                    : List.of("", "", "", "", "");
            assertEquals(expected, smtp.afterEndOfData.stream().map(c -> c.startsWith("MAIL FROM:") ? "MAIL FROM" : c).toList());
            assertEquals(6, record.ledger().sent());
            assertEquals(5, record.ledger().accepted(), "message 1 is counted by its own 250, whatever its successor's MAIL got");
            assertEquals(1, record.ledger().rejected(), "the refused MAIL is message 2's");
            assertEquals(5, record.requests().get("grouped end-of-data").ok());
            assertEquals(0, record.requests().get("grouped end-of-data").ko());
            assertEquals(5, record.requests().get("grouped MAIL").ok());
            assertEquals(1, record.requests().get("grouped MAIL").ko());
            assertEquals(1, record.requests().get("grouped RSET").ok());
            assertEquals(2, record.requests().get("grouped connect+greeting").ok(), "three transactions per connection, the refused one not counted");
        }
    }

    @Test
    void withoutPipeliningInTheEhloReplyCommandsGoOneAtATimeAndTheLogSaysSoOnce() {
        try (FaultyMailServer server = FaultyMailServer.start(Faults.of(SmtpFaults.replyAt(SmtpStage.EHLO, 250, "localhost, no extensions")))) {
            ScriptedSimulation.pipelining = true;
            ScriptedSimulation.cases = List.of(new ScriptedSimulation.Case("plain", server.settings(Duration.ofSeconds(5)), 4, 2, true));

            InProcessGatling.run(ScriptedSimulation.class, results);

            RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
            assertEquals(new Ledger(4, 4, 0, 4, 4, 0, 0, 0), record.ledger());
            assertEquals(4, record.requests().get("plain RCPT").ok());
            List<String> warnings = fallbackWarnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.getFirst().startsWith("plain: "), warnings.getFirst());
        }
    }
}
