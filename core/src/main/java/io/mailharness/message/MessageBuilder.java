package io.mailharness.message;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

/**
 * Builds plain RFC 5322 test messages of a chosen size: a header section with the harness id, then a
 * body of printable text lines. Deterministic for a given seed, so runs can be repeated.
 */
public final class MessageBuilder {
    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ".getBytes(StandardCharsets.US_ASCII);
    private static final int BODY_LINE = 76;

    private final Random random;

    public MessageBuilder(long seed) {
        this.random = new Random(seed);
    }

    /** A message with the given id whose total size is close to {@code targetSize} octets (never below the headers). */
    public TestMessage build(String id, String from, List<String> to, String subject, int targetSize) {
        StringBuilder headers = new StringBuilder(256)
                .append("From: <").append(from).append(">\r\n")
                .append("To: ").append(String.join(", ", to.stream().map(a -> "<" + a + ">").toList())).append("\r\n")
                .append("Subject: ").append(subject).append("\r\n")
                .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n")
                .append("Message-ID: <").append(id).append("@mailharness>\r\n")
                .append(TestMessage.ID_HEADER).append(": ").append(id).append("\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=us-ascii\r\n")
                .append("\r\n");
        byte[] head = headers.toString().getBytes(StandardCharsets.US_ASCII);
        int bodySize = Math.max(2, targetSize - head.length);
        byte[] content = new byte[head.length + bodySize];
        System.arraycopy(head, 0, content, 0, head.length);
        fillBody(content, head.length);
        return new TestMessage(id, content);
    }

    private void fillBody(byte[] content, int from) {
        int column = 0;
        for (int i = from; i < content.length - 2; i++) {
            if (column == BODY_LINE && i < content.length - 3) {
                content[i++] = '\r';
                content[i] = '\n';
                column = 0;
            } else {
                content[i] = ALPHABET[random.nextInt(ALPHABET.length)];
                column++;
            }
        }
        content[content.length - 2] = '\r';
        content[content.length - 1] = '\n';
    }
}
