package io.mailharness.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line as it came off the wire: the octets before its end (at most the reader's bound), how it ended, and
 * what was odd about it.
 *
 * @param content    the octets before the line end, cut to the reader's bound when {@code overflow}
 * @param ending     how the line ended
 * @param wireLength octets consumed from the wire, line end included
 * @param bareCr     a CR not followed by LF is in the content
 * @param bareLf     an LF not preceded by CR is in the content (only under {@link LineEndPolicy#CRLF_ONLY})
 * @param overflow   the line was longer than the bound; the excess was read and dropped
 */
public record OctetLine(byte[] content, Ending ending, long wireLength, boolean bareCr, boolean bareLf, boolean overflow) {
    /** How a line ended. */
    public enum Ending {
        /** CR LF. */
        CRLF,
        /** LF without a CR before it (only under {@link LineEndPolicy#LF}). */
        BARE_LF,
        /** The peer closed the connection first (with no octet read, the stream simply ended). */
        CLOSED,
        /** The deadline for the line passed first. */
        TIMEOUT
    }

    public OctetLine {
        content = content.clone();
    }

    /** True when a line end was read (CRLF, or a bare LF under the LF policy). */
    public boolean terminated() {
        return ending == Ending.CRLF || ending == Ending.BARE_LF;
    }

    /** The stream ended before any octet of this line. */
    public boolean endOfStream() {
        return ending == Ending.CLOSED && wireLength == 0;
    }

    public String text() {
        return new String(content, StandardCharsets.ISO_8859_1);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OctetLine other && other.ending == ending && other.wireLength == wireLength
                && other.bareCr == bareCr && other.bareLf == bareLf && other.overflow == overflow && Arrays.equals(other.content, content);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(content) * 31 + ending.hashCode();
    }
}
