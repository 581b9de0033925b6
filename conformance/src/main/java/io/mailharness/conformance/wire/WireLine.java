package io.mailharness.conformance.wire;

import io.mailharness.client.Transcript;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line as the server sent it: the octets before the line end, and how the line ended.
 * A line ends at LF; a CR right before it makes a proper CRLF. Octets are kept as sent.
 */
public record WireLine(byte[] content, Ending ending) {
    /** How a line read from the wire ended. */
    public enum Ending {
        /** CR LF, as both RFCs require. */
        CRLF,
        /** LF without CR before it. */
        BARE_LF,
        /** The server closed the connection in the middle of the line. */
        CLOSED,
        /** The read timeout passed in the middle of the line. */
        TIMEOUT,
        /** Longer than the probe's limit; the rest of the line was read and dropped. */
        TOO_LONG
    }

    public WireLine {
        content = content.clone();
    }

    /** The content as text, one char per octet (ISO-8859-1), so no octet is lost. */
    public String text() {
        return new String(content, StandardCharsets.ISO_8859_1);
    }

    /** True when the content holds a CR: a bare CR inside a line. */
    public boolean hasBareCr() {
        for (byte b : content) if (b == '\r') return true;
        return false;
    }

    /** Octets on the wire including the line end (CRLF counts 2, a bare LF 1). */
    public int wireLength() {
        return content.length + switch (ending) {
            case CRLF -> 2;
            case BARE_LF -> 1;
            default -> 0;
        };
    }

    /** The line as it went over the wire, with CR and LF visible. */
    public String visible() {
        String end = switch (ending) {
            case CRLF -> "\r\n";
            case BARE_LF -> "\n";
            case CLOSED -> "<closed>";
            case TIMEOUT -> "<timeout>";
            case TOO_LONG -> "<too long>";
        };
        return Transcript.visible(text()) + (ending == Ending.CRLF || ending == Ending.BARE_LF ? Transcript.visible(end) : end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireLine other && other.ending == ending && Arrays.equals(other.content, content);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(content) * 31 + ending.hashCode();
    }

    @Override
    public String toString() {
        return visible();
    }
}
