package io.mailharness.record;

/**
 * KOs that differ only in their variable parts: one request (stage), one error class, one reply code and
 * enhanced status code, and the reply text with timestamps, queue ids, counts and the like masked.
 *
 * @param request            the request name, e.g. {@code POP3 RETR}
 * @param errorClass         4xx, 5xx, -ERR, timeout, connection, protocol, ledger, harness
 * @param replyCode          the SMTP reply code or POP3 status indicator, when there was a reply
 * @param enhancedStatusCode the RFC 3463 code at the start of the text (SMTP) or response code in brackets (POP3, RFC 2449), or null
 * @param pattern            the KO message with its variable parts masked, as Gatling's report shows it
 * @param count              how many KOs fell into the group
 * @param example            the first such KO message verbatim (control octets escaped)
 */
public record ErrorGroup(String request, String errorClass, String replyCode, String enhancedStatusCode, String pattern, long count, String example) {}
