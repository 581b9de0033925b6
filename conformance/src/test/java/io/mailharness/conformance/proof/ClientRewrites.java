package io.mailharness.conformance.proof;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Rewrites of client lines for the {@link ClientRewritingProxy}: each makes the conforming server behave like
 * one that reads its input wrongly in exactly one way.
 */
final class ClientRewrites {
    private ClientRewrites() {}

    /** A case-sensitive verb table: a verb not in upper case becomes an unknown command. */
    static final UnaryOperator<byte[]> CASE_SENSITIVE_VERBS = line -> {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        int end = text.indexOf(' ');
        String verb = (end < 0 ? text.strip() : text.substring(0, end));
        return verb.equals(verb.toUpperCase(java.util.Locale.ROOT)) ? line : ("X-" + text).getBytes(StandardCharsets.ISO_8859_1);
    };

    /** Trailing white space taken as a parameter: {@code "RSET \r\n"} reaches the server as {@code "RSET _\r\n"}. */
    static final UnaryOperator<byte[]> TRAILING_SPACE_AS_PARAMETER = line -> {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        return text.matches("[A-Za-z]+ +\r\n") ? (text.strip() + " _\r\n").getBytes(StandardCharsets.ISO_8859_1) : line;
    };

    /** Octets above 127 silently replaced by 'x', so 8-bit commands are accepted. */
    static final UnaryOperator<byte[]> EIGHT_BIT_FLATTENED = line -> {
        byte[] copy = line.clone();
        for (int i = 0; i < copy.length; i++) if ((copy[i] & 0x80) != 0) copy[i] = 'x';
        return copy;
    };

    /** Control characters (other than the CRLF at the end) silently dropped, so they are accepted. */
    static final UnaryOperator<byte[]> CONTROL_CHARACTERS_DROPPED = line -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < line.length; i++) {
            int c = line[i] & 0xFF;
            boolean finalCrlf = i >= line.length - 2;
            if (finalCrlf || c == '\t' || c == '\r' || c == '\n' || (c >= 0x20 && c != 0x7F)) out.write(c);
        }
        return out.toByteArray();
    };

    /** A bare LF or CR taken as a line end: turned into CRLF, so one line becomes two commands. */
    static final UnaryOperator<byte[]> BARE_LINE_ENDS_SPLIT = line -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < line.length; i++) {
            byte b = line[i];
            boolean crlf = (b == '\r' && i + 1 < line.length && line[i + 1] == '\n') || (b == '\n' && i > 0 && line[i - 1] == '\r');
            if (!crlf && (b == '\r' || b == '\n')) {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    };

    /** A server with a shorter command-line limit: lines over 200 octets reach it padded past its 512-octet limit (SMTP and POP3). */
    static final UnaryOperator<byte[]> LONG_LINES_OVER_LIMIT = line -> {
        if (line.length <= 200) return line;
        String text = new String(line, StandardCharsets.ISO_8859_1);
        return (text.substring(0, text.length() - 2) + "y".repeat(600) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    };
}
