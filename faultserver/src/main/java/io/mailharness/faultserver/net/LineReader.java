package io.mailharness.faultserver.net;

import io.mailharness.protocol.LineEndPolicy;
import io.mailharness.protocol.OctetLine;
import io.mailharness.protocol.OctetLineReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The server side of core's {@link OctetLineReader}: client lines end at CRLF only ({@link LineEndPolicy#CRLF_ONLY}),
 * a bare CR or LF is flagged on the {@link Line}, and counted octets come from the same buffer, so the session can
 * tell what the client sent ahead of a reply (STARTTLS / STLS must discard it).
 */
public final class LineReader {

    private final OctetLineReader reader;

    public LineReader(InputStream in) {
        this.reader = new OctetLineReader(in, LineEndPolicy.CRLF_ONLY);
    }

    /**
     * Reads up to the next CRLF. Keeps at most {@code maxContent} octets; longer lines are
     * consumed to their end and flagged as overflow, so the session stays in step.
     *
     * @return the line, or {@code null} when the connection closed before any octet
     */
    public Line readLine(int maxContent) throws IOException {
        OctetLine line = reader.readLine(maxContent);
        if (line.endOfStream()) {
            return null;
        }
        return new Line(line.content(), line.wireLength(), line.bareCr(), line.bareLf(), line.overflow(), line.terminated());
    }

    /**
     * One line ended by LF, with or without CR (how it ended is on the line): only faulty variants read client
     * input so, e.g. a server that takes {@code LF.LF} as end-of-data.
     */
    public OctetLine readLineEndingAtLf(int maxContent) throws IOException {
        return reader.readLine(maxContent, LineEndPolicy.LF);
    }

    /** Copies exactly {@code count} octets to {@code sink} (which may discard them). */
    public void readExactly(long count, OutputStream sink) throws IOException {
        reader.readExactly(count, sink);
    }

    /** Octets the client sent that have been read from the socket but not yet consumed. */
    public int buffered() {
        return reader.buffered();
    }

    /** Drops read-ahead octets: plaintext sent before a TLS handshake must never be executed. */
    public void discardBuffered() {
        reader.discardBuffered();
    }

    /**
     * Puts octets back in front of the unread input. Only faulty variants need it: a server that
     * takes {@code LF.LF} as end-of-data reads what follows as commands.
     */
    public void unread(byte[] octets) {
        reader.unread(octets);
    }
}
