package io.mailharness.faultserver.pop3;

import java.io.ByteArrayOutputStream;

/**
 * Byte-stuffing of multi-line responses (RFC 1939 §3): a line starting with "." gets one more
 * "." and the response ends with CRLF.CRLF. A line start is the first octet and any octet after
 * CR or LF, so a stored bare-LF line holding "." cannot end the response early.
 */
public final class ByteStuffing {

    private static final byte[] TERMINATOR = {'.', '\r', '\n'};

    private ByteStuffing() {
    }

    /**
     * Stuffs, adds a CRLF if non-empty content lacks a final one, and appends ".CRLF". Empty content
     * (an empty scan or unique-id listing) is just ".CRLF": no empty line before the terminator.
     */
    public static byte[] multilineBody(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + content.length / 50 + 8);
        boolean lineStart = true;
        for (byte b : content) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n' || b == '\r';
        }
        if (content.length > 0 && !endsWithCrlf(content)) {
            out.write('\r');
            out.write('\n');
        }
        out.writeBytes(TERMINATOR);
        return out.toByteArray();
    }

    /** The faulty variant: terminated but not stuffed (for {@code POP3_RETR_NOT_BYTE_STUFFED}). */
    static byte[] terminatedOnly(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 5);
        out.writeBytes(content);
        if (!endsWithCrlf(content)) {
            out.write('\r');
            out.write('\n');
        }
        out.writeBytes(TERMINATOR);
        return out.toByteArray();
    }

    static boolean endsWithCrlf(byte[] content) {
        int n = content.length;
        return n >= 2 && content[n - 2] == '\r' && content[n - 1] == '\n';
    }
}
