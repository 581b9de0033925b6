package io.mailharness.protocol;

import java.io.ByteArrayOutputStream;

/**
 * Transparency for mail data (RFC 5321 §4.5.2) and multi-line POP3 responses (RFC 1939 §3): a line that starts
 * with "." gets one more "." on the wire, the receiver removes it, and the line "." ends the data. The one
 * implementation for client and server sides; where a line starts is an explicit {@link LineStart}.
 */
public final class DotStuffing {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_DATA = {'.', '\r', '\n'};

    /** Where a line starts, for stuffing: the RFCs' CRLF, or a more defensive reading of bare line ends. */
    public enum LineStart {
        /** After CRLF only, as both RFCs define a line: a bare CR or LF is an ordinary octet. */
        AFTER_CRLF,
        /**
         * After any LF: a receiver that splits on LF must not find an unstuffed "." behind a bare LF
         * (a client sending data that may hold bare LFs).
         */
        AFTER_LF,
        /** After a CR or an LF: a server sending stored octets whose line ends it cannot vouch for. */
        AFTER_CR_OR_LF
    }

    private DotStuffing() {}

    /** Doubles a leading "." on every line. The end-of-data line is not added. */
    public static byte[] stuff(byte[] content, LineStart lineStart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 16);
        boolean atLineStart = true;
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (atLineStart && b == '.') out.write('.');
            out.write(b);
            atLineStart = startsLineAfter(content, i, lineStart);
        }
        return out.toByteArray();
    }

    /** {@link #stuff(byte[], LineStart)} with the RFCs' lines. */
    public static byte[] stuff(byte[] content) {
        return stuff(content, LineStart.AFTER_CRLF);
    }

    /** Removes the extra "." that starts a stuffed line (lines as the RFCs define them). */
    public static byte[] unstuff(byte[] stuffed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(stuffed.length);
        boolean atLineStart = true;
        for (int i = 0; i < stuffed.length; i++) {
            byte b = stuffed[i];
            boolean skip = atLineStart && b == '.' && i + 1 < stuffed.length && stuffed[i + 1] == '.';
            if (!skip) out.write(b);
            atLineStart = !skip && startsLineAfter(stuffed, i, LineStart.AFTER_CRLF);
        }
        return out.toByteArray();
    }

    /** How many octets of one received line (its content, without the line end) are stuffing: 1 or 0. */
    public static int stuffingOctets(byte[] lineContent) {
        return lineContent.length > 0 && lineContent[0] == '.' ? 1 : 0;
    }

    /** The content as sent in DATA (RFC 5321 §4.1.1.4): stuffed, a CRLF added if missing, then ".CRLF". */
    public static byte[] dataSection(byte[] content) {
        return terminated(stuff(content), true);
    }

    /**
     * Mail data as a client sends it after 354 when the content may hold bare LFs: each bare LF goes as CRLF
     * (as Commons Net's message writer does), every line is stuffed, a final line end is completed, and
     * ".CRLF" follows. A bare CR stays an ordinary octet.
     */
    public static byte[] dataSectionWithCrlfLineEnds(byte[] content) {
        ByteArrayOutputStream crlf = new ByteArrayOutputStream(content.length + 16);
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b == '\n' && (i == 0 || content[i - 1] != '\r')) crlf.write('\r');
            crlf.write(b);
        }
        byte[] lines = crlf.toByteArray();
        // a final bare CR is taken as the start of the missing line end
        if (lines.length > 0 && lines[lines.length - 1] == '\r') {
            lines = java.util.Arrays.copyOf(lines, lines.length + 1);
            lines[lines.length - 1] = '\n';
        }
        return terminated(stuff(lines), true);
    }

    /**
     * A multi-line POP3 response body (RFC 1939 §3): stuffed, a CRLF added if non-empty content lacks one, then
     * ".CRLF". Empty content (an empty listing) is just ".CRLF".
     */
    public static byte[] multilineResponse(byte[] content, LineStart lineStart) {
        return terminated(stuff(content, lineStart), content.length > 0);
    }

    /** Terminated but not stuffed: what a server that forgets byte-stuffing sends. */
    public static byte[] terminatedUnstuffed(byte[] content) {
        return terminated(content, content.length > 0);
    }

    public static boolean endsWithCrlf(byte[] content) {
        int n = content.length;
        return n >= 2 && content[n - 2] == '\r' && content[n - 1] == '\n';
    }

    private static byte[] terminated(byte[] body, boolean completeLastLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 5);
        out.writeBytes(body);
        if (completeLastLine && !endsWithCrlf(body)) out.writeBytes(CRLF);
        out.writeBytes(END_OF_DATA);
        return out.toByteArray();
    }

    private static boolean startsLineAfter(byte[] octets, int i, LineStart lineStart) {
        byte b = octets[i];
        return switch (lineStart) {
            case AFTER_CRLF -> b == '\n' && i > 0 && octets[i - 1] == '\r';
            case AFTER_LF -> b == '\n';
            case AFTER_CR_OR_LF -> b == '\n' || b == '\r';
        };
    }
}
