package io.mailharness.message;

import java.io.ByteArrayOutputStream;

/**
 * Transparency for mail data (RFC 5321 §4.5.2, RFC 1939 §3): a line that starts with "." gets one more
 * "." on the wire, and the receiver removes it. Works on octets; lines end at CRLF only, as both RFCs
 * define them.
 */
public final class DotStuffing {
    private DotStuffing() {}

    /** Doubles a leading "." on every line. The content should end with CRLF; the end-of-data line is not added. */
    public static byte[] stuff(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 16);
        boolean lineStart = true;
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (lineStart && b == '.') out.write('.');
            out.write(b);
            lineStart = b == '\n' && i > 0 && content[i - 1] == '\r';
        }
        return out.toByteArray();
    }

    /** Removes the extra "." that starts a stuffed line. */
    public static byte[] unstuff(byte[] stuffed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(stuffed.length);
        boolean lineStart = true;
        for (int i = 0; i < stuffed.length; i++) {
            byte b = stuffed[i];
            boolean skip = lineStart && b == '.' && i + 1 < stuffed.length && stuffed[i + 1] == '.';
            if (!skip) out.write(b);
            lineStart = !skip && b == '\n' && i > 0 && stuffed[i - 1] == '\r';
        }
        return out.toByteArray();
    }

    /** The content as sent in DATA: stuffed, a CRLF added if missing, then ".CRLF". */
    public static byte[] dataSection(byte[] content) {
        byte[] stuffed = stuff(content);
        boolean endsWithCrlf = stuffed.length >= 2 && stuffed[stuffed.length - 2] == '\r' && stuffed[stuffed.length - 1] == '\n';
        ByteArrayOutputStream out = new ByteArrayOutputStream(stuffed.length + 5);
        out.writeBytes(stuffed);
        if (!endsWithCrlf) out.writeBytes(new byte[] {'\r', '\n'});
        out.writeBytes(new byte[] {'.', '\r', '\n'});
        return out.toByteArray();
    }
}
