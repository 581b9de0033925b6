package io.mailharness.sink.smtp;

import java.nio.charset.StandardCharsets;

/** An SMTP reply as sent: its octets with CRLF line ends, and whether the sink closes the connection after it. */
record Reply(byte[] octets, boolean closes) {

    /** A one-line reply, e.g. {@code "250 2.0.0 Ok"}; 221 and 421 close the connection. */
    static Reply line(String line) {
        return new Reply((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1), line.startsWith("221") || line.startsWith("421"));
    }

    /** A multi-line reply (RFC 5321 §4.2.1): {@code code-text} on every line but the last, {@code code text} on it. */
    static Reply lines(int code, String... texts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            sb.append(code).append(i == texts.length - 1 ? ' ' : '-').append(texts[i]).append("\r\n");
        }
        return new Reply(sb.toString().getBytes(StandardCharsets.ISO_8859_1), false);
    }
}
