package io.mailharness.faultserver.smtp;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The trace header fields prepended on delivery (RFC 5321 §4.4): {@code Return-Path} with the
 * reverse-path, and a {@code Received} field with FROM (EHLO name and TCP-info), BY, WITH,
 * ID, at most one FOR path (§7.2: never the whole recipient list) and the date-time.
 */
final class TraceHeaders {

    private static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private TraceHeaders() {
    }

    static byte[] prepend(SmtpState state, MailPath reversePath, MailPath forwardPath, String id, byte[] content) {
        String protocol = (state.esmtp() ? "ESMTP" : "SMTP")
                + (state.tls() ? "S" : "") + (state.authenticated() ? "A" : ""); // RFC 3848
        String trace = "Return-Path: " + reversePath + "\r\n"
                + "Received: from " + state.heloName() + " ([" + state.clientAddress() + "])\r\n"
                + "\tby " + state.config().hostName() + " with " + protocol + " id " + id + "\r\n"
                + "\tfor " + forwardPath + "; " + RFC5322_DATE.format(ZonedDateTime.now()) + "\r\n";
        byte[] header = trace.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[header.length + content.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(content, 0, message, header.length, content.length);
        return message;
    }
}
