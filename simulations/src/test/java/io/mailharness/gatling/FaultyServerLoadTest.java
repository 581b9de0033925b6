package io.mailharness.gatling;

import io.mailharness.faultserver.Faults;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.faultserver.smtp.SmtpFaults;
import io.mailharness.faultserver.smtp.SmtpStage;
import io.mailharness.faultserver.store.StoreFaults;
import io.mailharness.record.Ledger;
import io.mailharness.record.MessageTrace;
import io.mailharness.record.RequestStats;
import io.mailharness.record.RunRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short Gatling runs in this JVM against fault-injecting servers on loopback: refusals at every stage
 * become KOs carrying their codes, broken connections and silent servers become KOs in bounded time, and
 * the ledger catches lost, duplicated and altered messages.
 */
class FaultyServerLoadTest {
    private final List<FaultyMailServer> servers = new ArrayList<>();

    @TempDir
    Path results;

    @AfterEach
    void stopServers() {
        servers.forEach(FaultyMailServer::close);
        ScriptedSimulation.resetDefaults();
    }

    private FaultyMailServer server(Faults faults) {
        FaultyMailServer s = FaultyMailServer.start(faults);
        servers.add(s);
        return s;
    }

    private ScriptedSimulation.Case sender(String prefix, Faults faults, int messages, boolean drain, Duration readTimeout) {
        return new ScriptedSimulation.Case(prefix, InProcessGatling.target(server(faults), readTimeout), messages, 1, drain);
    }

    @Test
    void aRefusalAtEachStageIsAKoCarryingReplyCodeAndEnhancedStatusCode() {
        Duration read = Duration.ofSeconds(2);
        ScriptedSimulation.transactionRequests = true;
        ScriptedSimulation.cases = List.of(
                sender("greeting", Faults.of(SmtpFaults.replyAt(SmtpStage.GREETING, 554, "5.3.2 no service here")), 2, false, read),
                sender("ehlo", Faults.of(SmtpFaults.replyAt(SmtpStage.EHLO, 550, "5.7.1 go away")), 2, false, read),
                sender("mail", Faults.of(SmtpFaults.replyAt(SmtpStage.MAIL, 451, "4.3.0 try again later")), 2, false, read),
                sender("rcpt", Faults.of(SmtpFaults.replyAt(SmtpStage.RCPT, 550, "5.1.1 no such user")), 2, false, read),
                sender("data", Faults.of(SmtpFaults.replyAt(SmtpStage.DATA, 554, "5.5.1 no valid recipients")), 2, false, read),
                sender("eod", Faults.of(SmtpFaults.replyAt(SmtpStage.END_OF_DATA, 552, "5.3.4 message too big")), 2, false, read));

        InProcessGatling.run(ScriptedSimulation.class, results);

        RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
        Map<String, Long> errors = record.errors();
        assertKo(errors, "greeting connect+greeting: 5xx 554 5.3.2 no service here", 2);
        assertKo(errors, "ehlo EHLO: 5xx 550 5.7.1 go away", 2);
        assertKo(errors, "mail MAIL: 4xx 451 4.3.0 try again later", 2);
        assertKo(errors, "rcpt RCPT: 5xx 550 5.1.1 no such user", 2);
        assertKo(errors, "data DATA: 5xx 554 5.5.1 no valid recipients", 2);
        assertKo(errors, "eod end-of-data: 5xx 552 5.3.4 message too big", 2);
        assertKo(errors, "rcpt transaction: 5xx 550 5.1.1 no such user", 2);

        // 5 stages x 2, plus the transaction requests of RCPT, DATA and end-of-data; MAIL's 451 twice, and its transaction.
        // The DATA fault only rewrites the 354, the server still reads message data: the RSET after it gets no reply.
        assertEquals(Map.of("4xx", 4L, "5xx", 16L, "timeout", 2L), record.errorsByReplyClass(), errors.toString());
        assertEquals(2L, record.errors().get("rcpt RCPT: 5xx 550 5.1.1 no such user"), "the record keeps the KO messages: " + record.errors());
        assertEquals(2L, record.errors().get("mail MAIL: 4xx 451 4.3.0 try again later"));
        Ledger ledger = record.ledger();
        assertEquals(8, ledger.sent(), "a transaction starts at MAIL: 4 servers x 2 got that far");
        assertEquals(8, ledger.rejected());
        assertEquals(0, ledger.accepted());
        RequestStats rcpt = record.requests().get("rcpt RCPT");
        assertEquals(2, rcpt.ko());
        assertEquals(2, record.requests().get("rcpt RSET").ok(), "a refused transaction is reset");
    }

    private static void assertKo(Map<String, Long> errors, String expected, long count) {
        assertEquals(count, errors.getOrDefault(expected, 0L), () -> "KO '" + expected + "' in " + errors.keySet());
    }

    @Test
    void droppedAndSilentConnectionsAreKosInBoundedTime() {
        Duration read = Duration.ofSeconds(1);
        ScriptedSimulation.cases = List.of(
                sender("dropdata", Faults.of(SmtpFaults.dropAfterBodyOctets(100)), 2, false, read),
                sender("stalldata", Faults.of(SmtpFaults.stallAfterBodyOctets(100)), 2, false, read),
                sender("stallmail", Faults.of(SmtpFaults.stallAt(SmtpStage.MAIL)), 2, false, read),
                sender("droprcpt", Faults.of(SmtpFaults.dropAt(SmtpStage.RCPT)), 2, false, read));
        long start = System.nanoTime();

        InProcessGatling.run(ScriptedSimulation.class, results);

        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(seconds < 30, "the run ended in " + seconds + " s");
        RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
        Map<String, Long> errors = record.errors();
        assertEquals(2, record.requests().get("dropdata end-of-data").ko(), errors.toString());
        assertEquals(2, record.requests().get("stalldata end-of-data").ko(), errors.toString());
        assertEquals(2, record.requests().get("stallmail MAIL").ko(), errors.toString());
        assertEquals(2, record.requests().get("droprcpt RCPT").ko(), errors.toString());
        assertTrue(errors.keySet().stream().anyMatch(k -> k.startsWith("stallmail MAIL: timeout: ")), errors.toString());
        assertTrue(errors.keySet().stream().anyMatch(k -> k.startsWith("stalldata end-of-data: timeout: ")), errors.toString());
        assertTrue(errors.keySet().stream().anyMatch(k -> k.startsWith("droprcpt RCPT: connection: ")), errors.toString());
        assertTrue(errors.keySet().stream().anyMatch(k -> k.startsWith("dropdata end-of-data: connection: ")), errors.toString());
        assertEquals(8, record.ledger().sent());
        assertEquals(8, record.ledger().rejected());
    }

    @Test
    void usersCutOffByTheEndOfTheRunHaveTheirConnectionsClosed() {
        ScriptedSimulation.maxDuration = Duration.ofSeconds(3);
        try {
            ScriptedSimulation.cases = List.of(sender("stuck", Faults.of(SmtpFaults.stallAt(SmtpStage.MAIL)), 1, false, Duration.ofSeconds(120)));
            long start = System.nanoTime();

            InProcessGatling.run(ScriptedSimulation.class, results);

            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds < 30, "maxDuration ended the run although the server never answered: " + seconds + " s");
            RunRecord.Connections connections = InProcessGatling.record(ScriptedSimulation.class, results).connections();
            assertEquals(1, connections.closedAtEnd(), "the stuck user's connection was closed when the run ended");
            assertEquals(0, connections.openAfterRun());
        } finally {
            ScriptedSimulation.maxDuration = Duration.ofSeconds(60);
        }
    }

    @Test
    void theLedgerCatchesLostDuplicatedAndAlteredMessages() {
        Duration read = Duration.ofSeconds(5);
        // The lost messages make the drain wait out the whole grace; it must still be long enough for every
        // delivered message to be read on a busy machine, or a slow delivery would count as lost.
        ScriptedSimulation.grace = Duration.ofSeconds(8);
        ScriptedSimulation.cases = List.of(
                sender("lose", Faults.of(StoreFaults.STORE_LOSE_MESSAGE), 3, true, read),
                sender("dup", Faults.of(StoreFaults.STORE_DUPLICATE_MESSAGE), 3, true, read),
                sender("alter", Faults.of(StoreFaults.STORE_ALTER_BODY_BYTE), 3, true, read),
                sender("good", Faults.none(), 3, true, read));

        int status = InProcessGatling.run(ScriptedSimulation.class, results);

        RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
        Ledger l = record.ledger();
        assertEquals(new Ledger(12, 12, 0, 9, 6, 3, 3, 3), l, "sent, accepted, rejected, retrieved, intact, corrupted, duplicated, lost");
        List<MessageTrace> traces = record.messages();
        assertEquals(3, traces.stream().filter(t -> t.retrievals() == 0).count());
        assertEquals(3, traces.stream().filter(t -> t.retrievals() == 2).count());
        assertEquals(3, traces.stream().filter(t -> t.corruptedRetrievals() == 1).count());
        assertEquals(1, record.requests().get("ledger lost").ko());
        assertEquals(1, record.requests().get("ledger corrupted").ko());
        assertEquals(1, record.requests().get("ledger duplicated").ko());
        assertEquals(9, record.requests().get(RunRecord.DELIVERY_LATENCY).ok(), "one delivery latency per first sighting");
        assertEquals(0, status, "no assertions were set");
    }

    @Test
    void aStampRefoldedOrStrippedOfItsDigestDoesNotHideDamage() {
        ScriptedSimulation.cases = List.of(
                sender("fold", Faults.of(stampRewrite("STORE_FOLDS_STAMP_AND_ALTERS_BODY", text -> text.replace("; sha256=", ";\r\n sha256=").replace("\r\n\r\n", "\r\n\r\nX"))), 2, true, Duration.ofSeconds(5)),
                sender("strip", Faults.of(stampRewrite("STORE_STRIPS_DIGEST_AND_ALTERS_BODY", text -> text.replaceFirst("; sha256=[0-9a-f]+", "").replace("\r\n\r\n", "\r\n\r\nX"))), 2, true, Duration.ofSeconds(5)),
                sender("refold", Faults.of(stampRewrite("STORE_FOLDS_STAMP", text -> text.replace("; sha256=", ";\r\n sha256="))), 2, true, Duration.ofSeconds(5)));

        InProcessGatling.run(ScriptedSimulation.class, results);

        Ledger l = InProcessGatling.record(ScriptedSimulation.class, results).ledger();
        assertEquals(new Ledger(6, 6, 0, 6, 0, 6, 0, 0), l, "every copy changed, none intact: " + l);
    }

    /** A store fault that rewrites each stored copy's text. */
    private static io.mailharness.faultserver.store.DeliveryFault stampRewrite(String name, java.util.function.UnaryOperator<String> rewrite) {
        return new io.mailharness.faultserver.store.DeliveryRewrite(name, name, deliveries -> deliveries.stream()
                .map(d -> d.withContent(rewrite.apply(new String(d.content(), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                .toList());
    }

    @Test
    void aMessageWhoseRetrievalFailedIsNotDeletedAndIsReadOnALaterPass() {
        // Every other RETR is refused, as a server does with a message in use: the refused ones must stay and be read later.
        java.util.concurrent.atomic.AtomicInteger retrs = new java.util.concurrent.atomic.AtomicInteger();
        Faults busy = Faults.of(new io.mailharness.faultserver.pop3.Pop3CommandVariant("POP3_RETR_EVERY_OTHER_IN_USE",
                "every other RETR is answered -ERR [IN-USE]", "RETR",
                original -> (session, argument) -> {
                    if (retrs.incrementAndGet() % 2 == 1) {
                        session.reply(io.mailharness.faultserver.pop3.Pop3Stage.RETR, io.mailharness.faultserver.pop3.Pop3Reply.err("[IN-USE] try again"));
                    } else {
                        original.execute(session, argument);
                    }
                }));
        ScriptedSimulation.grace = Duration.ofSeconds(8);
        ScriptedSimulation.cases = List.of(sender("busy", busy, 4, true, Duration.ofSeconds(5)));

        InProcessGatling.run(ScriptedSimulation.class, results);

        Ledger l = InProcessGatling.record(ScriptedSimulation.class, results).ledger();
        assertEquals(new Ledger(4, 4, 0, 4, 4, 0, 0, 0), l, "every message read whole in the end, none deleted unread: " + l);
        assertTrue(retrs.get() > 4, "some retrievals were refused: " + retrs.get());
    }

    @Test
    void aUniqueIdListedAgainAfterItsMessageWasDeletedIsReadAndReported() {
        // The server names each message by its number: after a reader deleted message 1, the next one is 1 again.
        ScriptedSimulation.readAfterEachMessage = true;
        ScriptedSimulation.cases = List.of(sender("reuse", Faults.of(io.mailharness.faultserver.pop3.Pop3Faults.POP3_UIDL_REUSED), 3, true, Duration.ofSeconds(5)));

        InProcessGatling.run(ScriptedSimulation.class, results);

        RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
        assertEquals(new Ledger(3, 3, 0, 3, 3, 0, 0, 0), record.ledger(), "each message read under the reused unique-id, none lost");
        // RFC 1939 §7 forbids reuse only while the first message exists: it is read, and no KO
        assertTrue(record.errors().keySet().stream().noneMatch(k -> k.contains("unique-id")), record.errors()::toString);
    }

    @Test
    void aUidlListingThatGivesOneUniqueIdToEveryMessageHasEveryMessageReadByNumber() {
        Faults sameId = Faults.of(new io.mailharness.faultserver.pop3.Pop3CommandVariant("POP3_UIDL_ALL_THE_SAME",
                "UIDL gives every message the same unique-id", "UIDL",
                original -> (session, argument) -> {
                    int size = session.state().snapshot().size();
                    List<String> lines = java.util.stream.IntStream.rangeClosed(1, size).mapToObj(n -> n + " same").toList();
                    session.reply(io.mailharness.faultserver.pop3.Pop3Stage.UIDL, io.mailharness.faultserver.pop3.Pop3Reply.multiline("", lines));
                }));
        ScriptedSimulation.cases = List.of(sender("same", sameId, 4, true, Duration.ofSeconds(5)));

        InProcessGatling.run(ScriptedSimulation.class, results);

        RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
        assertEquals(new Ledger(4, 4, 0, 4, 4, 0, 0, 0), record.ledger(), "read by message number: none skipped as processed, none lost");
    }

    @Test
    void theLedgerTellsWhatEachServerDidToTheMessagesAndKeepsSamples() throws java.io.IOException {
        Duration read = Duration.ofSeconds(5);
        ScriptedSimulation.cases = List.of(
                sender("annotate", Faults.of(io.mailharness.faultserver.store.StoreDamageFaults.STORE_ADD_STATUS_FIELDS), 2, true, read),
                sender("rewrite", Faults.of(io.mailharness.faultserver.store.StoreDamageFaults.STORE_REWRITE_FROM), 2, true, read),
                sender("append", Faults.of(io.mailharness.faultserver.store.StoreDamageFaults.STORE_APPEND_BLANK_LINE), 2, true, read),
                sender("truncate", Faults.of(io.mailharness.faultserver.store.StoreDamageFaults.STORE_TRUNCATE_MESSAGE), 2, true, read),
                sender("good", Faults.none(), 2, true, read));

        InProcessGatling.run(ScriptedSimulation.class, results);

        RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
        io.mailharness.record.DeliveryCheck check = record.delivery();
        assertEquals(new io.mailharness.record.DeliveryCheck(true, 10, 2, 2, 2, 2, 2, 0, 0, 0, "ledger-samples", Map.of()), check);
        assertEquals(new Ledger(10, 10, 0, 10, 4, 6, 0, 0), record.ledger(), "annotated is unharmed, the rest damaged");
        Path samples = InProcessGatling.runFolder(ScriptedSimulation.class, results).resolve("ledger-samples");
        for (String c : List.of("annotated", "headers-rewritten", "body-altered", "truncated")) {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(samples.resolve(c))) {
                assertEquals(6, files.count(), c + ": two deliveries, as sent, as retrieved and a diff each");
            }
        }
        try (java.util.stream.Stream<Path> diffs = java.nio.file.Files.list(samples.resolve("headers-rewritten"))) {
            String diff = java.nio.file.Files.readString(diffs.filter(f -> f.toString().endsWith(".diff.txt")).findFirst().orElseThrow());
            assertTrue(diff.contains("headers-rewritten: From: changed or missing"), diff);
        }
    }

    @Test
    void harnessMessagesFromAnotherInjectorAreTracedAndDigestCheckedButNotCounted() {
        FaultyMailServer server = server(Faults.none());
        byte[] intact = io.mailharness.message.MessageStamp.stamp("mh-other-2-0", 1_000, 1,
                "Subject: from injector 2\r\n\r\nhello\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).content();
        byte[] altered = io.mailharness.message.MessageStamp.stamp("mh-other-2-1", 1_000, 1,
                "Subject: from injector 2\r\n\r\nhello\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).content();
        altered[altered.length - 3] = 'X';
        server.insertRaw("alice", intact);
        server.insertRaw("bob", altered);
        ScriptedSimulation.grace = Duration.ofSeconds(5);
        ScriptedSimulation.cases = List.of(new ScriptedSimulation.Case("own", InProcessGatling.target(server, Duration.ofSeconds(5)), 2, 1, true));

        InProcessGatling.run(ScriptedSimulation.class, results);

        RunRecord record = InProcessGatling.record(ScriptedSimulation.class, results);
        assertEquals(new Ledger(2, 2, 0, 2, 2, 0, 0, 0), record.ledger(), "foreign messages count in no ledger figure");
        Map<String, MessageTrace> traces = new java.util.HashMap<>();
        record.messages().forEach(t -> traces.put(t.id(), t));
        assertEquals(4, traces.size(), "two sent here, two retrieved from elsewhere: " + record.messages());
        MessageTrace fromElsewhere = traces.get("mh-other-2-0");
        assertEquals("", fromElsewhere.digest());
        assertEquals(-1, fromElsewhere.acceptedAtMillis());
        assertTrue(fromElsewhere.firstSeenAtMillis() > 0);
        assertEquals(1, fromElsewhere.retrievals());
        assertEquals(0, fromElsewhere.corruptedRetrievals());
        assertEquals(1, traces.get("mh-other-2-1").corruptedRetrievals(), "checked against the digest its stamp carries");
        assertEquals(2, record.messages().stream().filter(t -> t.acceptedAtMillis() < 0).count(), "foreign: retrieved here, sent elsewhere");
    }
}
