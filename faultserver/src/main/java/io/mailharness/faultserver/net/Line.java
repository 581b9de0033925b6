package io.mailharness.faultserver.net;

import java.nio.charset.StandardCharsets;

/**
 * One line as it arrived on the wire, ended by CRLF (RFC 5321 §2.3.8, RFC 1939 §3).
 * A bare CR or LF is not a line end: it stays in the content and is flagged, so a
 * command can reject it and the DATA reader can refuse to treat it as end-of-data.
 *
 * @param content     the octets before the CRLF (truncated to the reader's limit when {@code overflow})
 * @param wireLength  octets consumed from the wire, including the CRLF
 * @param bareCr      a CR not followed by LF was seen
 * @param bareLf      an LF not preceded by CR was seen
 * @param overflow    the line was longer than the limit; the excess was read and dropped
 * @param terminated  false when the peer closed the connection before the CRLF
 */
public record Line(byte[] content, long wireLength, boolean bareCr, boolean bareLf,
                   boolean overflow, boolean terminated) {

    public boolean hasBareLineEnd() {
        return bareCr || bareLf;
    }

    /** True for octets below 0x20 other than HT, and DEL (RFC 5321 §4.1.2 forbids them in commands). */
    public boolean hasControlCharacter() {
        for (byte b : content) {
            int c = b & 0xFF;
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    public boolean isExactly(String ascii) {
        if (content.length != ascii.length()) {
            return false;
        }
        for (int i = 0; i < content.length; i++) {
            if (content[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The content decoded as UTF-8 (commands may carry SMTPUTF8 addresses). */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
