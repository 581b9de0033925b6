package io.mailharness.faultserver.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What real POP3 servers are seen to do to stored messages, each on its own so a delivery ledger can be
 * shown to tell them apart: add header fields (status flags, unique-ids), rewrite a header field, append
 * a line, or keep only the first part of a message.
 */
public final class StoreDamageFaults {

    private StoreDamageFaults() {
    }

    public static final DeliveryFault STORE_ADD_STATUS_FIELDS = new DeliveryRewrite("STORE_ADD_STATUS_FIELDS",
            "Status: and X-UID: header fields added to every stored message (a server's annotations, RFC 5322 §3.6 allows new fields)",
            each(m -> insertBeforeHeaderEnd(m, "Status: RO\r\nX-UID: 1\r\n")));

    public static final DeliveryFault STORE_REWRITE_FROM = new DeliveryRewrite("STORE_REWRITE_FROM",
            "the From: field is rewritten, its angle brackets dropped (RFC 5321 §4.5.2: content delivered unchanged)",
            each(StoreDamageFaults::rewriteFrom));

    public static final DeliveryFault STORE_APPEND_BLANK_LINE = new DeliveryRewrite("STORE_APPEND_BLANK_LINE",
            "an empty line is appended to every stored message (RFC 5321 §4.5.2: content delivered unchanged)",
            each(m -> concat(m, "\r\n".getBytes(StandardCharsets.US_ASCII))));

    public static final DeliveryFault STORE_TRUNCATE_MESSAGE = new DeliveryRewrite("STORE_TRUNCATE_MESSAGE",
            "only the first part of every message is stored, the last 100 octets cut (RFC 5321 §6.1: a 250 takes responsibility)",
            each(m -> Arrays.copyOf(m, Math.max(0, m.length - 100))));

    private static UnaryOperator<List<Delivery>> each(UnaryOperator<byte[]> change) {
        return deliveries -> deliveries.stream().map(d -> d.withContent(change.apply(d.content()))).toList();
    }

    private static byte[] insertBeforeHeaderEnd(byte[] message, String fields) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) return message;
        return (text.substring(0, end + 2) + fields + text.substring(end + 2)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] rewriteFrom(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        return text.replaceFirst("(?m)^(From:[^\r\n]*?)<([^<>\r\n]+)>", "$1$2").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
