package io.mailharness.client;

/**
 * Mail data as it goes on the wire after a 354 (RFC 5321 §4.5.2): every line that starts with "." gets
 * one more, a bare LF is sent as CRLF (as Commons Net's message writer does), a final CRLF is added when
 * the content does not end with one, and the end-of-data line ".CRLF" follows. One array, sized once, so
 * the content goes out in a single write.
 */
final class DataTransparency {
    private DataTransparency() {}

    static byte[] encode(byte[] content) {
        int extra = 0;
        boolean lineStart = true;
        byte previous = 0;
        for (byte b : content) {
            if (lineStart && b == '.') extra++;
            if (b == '\n' && previous != '\r') extra++;
            lineStart = b == '\n';
            previous = b;
        }
        boolean endsWithLineBreak = content.length > 0 && content[content.length - 1] == '\n';
        boolean endsWithCr = content.length > 0 && content[content.length - 1] == '\r';
        int tail = endsWithLineBreak ? 0 : endsWithCr ? 1 : 2;
        byte[] out = new byte[content.length + extra + tail + 3];
        if (extra == 0) {
            System.arraycopy(content, 0, out, 0, content.length);
        } else {
            int o = 0;
            lineStart = true;
            previous = 0;
            for (byte b : content) {
                if (lineStart && b == '.') out[o++] = '.';
                if (b == '\n' && previous != '\r') out[o++] = '\r';
                out[o++] = b;
                lineStart = b == '\n';
                previous = b;
            }
        }
        int o = out.length - 3 - tail;
        if (tail == 2) out[o++] = '\r';
        if (tail >= 1) out[o++] = '\n';
        out[o++] = '.';
        out[o++] = '\r';
        out[o] = '\n';
        return out;
    }
}
