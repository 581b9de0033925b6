package io.mailharness.conformance.nexthop;

import io.mailharness.client.Transcript;
import io.mailharness.settings.RelaySettings;
import io.mailharness.sink.SessionRecording;
import io.mailharness.sink.SinkSettings;
import io.mailharness.sink.SmtpSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The harness's own next hop for a relay domain: Mailharness's SMTP sink, in this process, on the address the
 * target's route names, recording every session octet-exact. The target under test is its client, so what it
 * records is what the target emits as an SMTP client (RFC 5321 §2.3.8, §4.5.2).
 */
public final class NextHop implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);

    private final SmtpSink sink;

    private NextHop(SmtpSink sink) {
        this.sink = sink;
    }

    /** Listens on the relay's next-hop address; an address that cannot be bound is an {@link IOException} naming it. */
    public static NextHop start(RelaySettings relay) throws IOException {
        SinkSettings settings = SinkSettings.defaults()
                .withHost(relay.nextHop().host())
                .withSmtpPort(relay.nextHop().port())
                .withHostname("next-hop.mailharness.invalid")
                .withIoThreads(1)
                .withNativeTransport(false) // one listener for a few sessions: NIO does, and needs no native library
                .withRecordSessions(true);
        return new NextHop(SmtpSink.start(settings));
    }

    /** Every session so far, read back. */
    public List<RelayedSession> sessions() {
        List<SessionRecording> recordings = sink.recordedSessions();
        List<RelayedSession> sessions = new ArrayList<>();
        for (int i = 0; i < recordings.size(); i++) sessions.add(RelayedSession.read(i + 1, recordings.get(i).clientOctets(), recordings.get(i).closed()));
        return sessions;
    }

    /** Waits (polling, at most {@code limit}) until the sessions so far satisfy {@code done}; true when they did. */
    public boolean await(Predicate<List<RelayedSession>> done, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (done.test(sessions())) return true;
            if (System.nanoTime() >= deadline) return false;
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /**
     * Each recorded session as a transcript: {@code C:} what the target sent, {@code S:} what the sink answered, one
     * entry per CRLF-ended line, so a bare CR or LF shows inside its line as {@code \r} or {@code \n}.
     */
    public List<Transcript> transcripts() {
        List<Transcript> transcripts = new ArrayList<>();
        for (SessionRecording recording : sink.recordedSessions()) {
            Transcript transcript = new Transcript();
            transcript.note("from " + recording.peer() + (recording.truncated() ? " (past " + SessionRecording.LIMIT + " octets not kept)" : ""));
            for (SessionRecording.Piece piece : recording.pieces()) {
                for (String line : lines(piece.octets())) {
                    if (piece.direction() == SessionRecording.Direction.CLIENT) transcript.client(line);
                    else transcript.server(line);
                }
            }
            if (!recording.closed()) transcript.note("still open");
            transcripts.add(transcript);
        }
        return transcripts;
    }

    private static List<String> lines(byte[] octets) {
        String text = new String(octets, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end; (end = text.indexOf("\r\n", start)) >= 0; start = end + 2) lines.add(text.substring(start, end + 2));
        if (start < text.length()) lines.add(text.substring(start));
        return lines;
    }

    @Override
    public void close() {
        sink.close();
    }
}
