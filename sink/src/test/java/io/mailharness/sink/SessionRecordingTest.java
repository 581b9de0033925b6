package io.mailharness.sink;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionRecordingTest {
    @Test
    void recordsTheClientsOctetsExactlyAndTheSinksReplies() {
        String sent = "EHLO relay.example\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nDATA\r\n"
                + "a\nb\rc\r\n..stuffed\r\n.\r\nQUIT\r\n";
        try (SmtpSink sink = Sinks.start(SinkSettings.defaults().withRecordSessions(true))) {
            try (RawSession session = new RawSession(sink.smtpAddress().getPort())) {
                assertEquals(220, session.code());
                session.send(sent);
                for (int code : new int[] {250, 250, 250, 354, 250, 221}) assertEquals(code, session.code());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> sink.recordedSessions().size() == 1 && sink.recordedSessions().get(0).closed());
            SessionRecording recording = sink.recordedSessions().get(0);
            assertArrayEquals(sent.getBytes(StandardCharsets.ISO_8859_1), recording.clientOctets(), "bare CR/LF and the stuffed dot as sent");
            List<SessionRecording.Piece> pieces = recording.pieces();
            assertEquals(SessionRecording.Direction.SINK, pieces.get(0).direction());
            assertTrue(new String(pieces.get(0).octets(), StandardCharsets.ISO_8859_1).startsWith("220 "), "the greeting first");
            String lastTurn = new String(pieces.get(pieces.size() - 1).octets(), StandardCharsets.ISO_8859_1);
            assertEquals(SessionRecording.Direction.SINK, pieces.get(pieces.size() - 1).direction());
            assertTrue(lastTurn.startsWith("250") && lastTurn.contains("\r\n221 "), "the pipelined replies in one turn, QUIT's last: " + lastTurn);
        }
    }

    @Test
    void nothingIsRecordedUnlessAsked() {
        try (SmtpSink sink = Sinks.discarding()) {
            try (RawSession session = new RawSession(sink.smtpAddress().getPort())) {
                assertEquals(220, session.code());
                session.send("QUIT\r\n");
                assertEquals(221, session.code());
            }
            assertEquals(List.of(), sink.recordedSessions());
        }
    }
}
