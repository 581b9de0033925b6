package io.mailharness.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Builds the messages of a load run: stamped with {@link MessageStamp}, sized by a {@link MessageMix},
 * and made to exercise what servers get wrong: RFC 2047 UTF-8 header words, lines that need dot-stuffing
 * (including a line holding a single "."), a line of the RFC 5322 maximum of 998 characters, and, for
 * bands with attachments, MIME multipart with a base64 part. The same seed and index give the same octets
 * after the stamp (the date is derived from the send time passed in). No line ends in white space:
 * GreenMail 2.1 trims it from the last line, and that is not the alteration a load run looks for.
 */
public final class LoadMessageBuilder {
    /** Longest line RFC 5322 §2.1.1 allows, without CRLF. */
    public static final int MAX_LINE = 998;
    private static final int TEXT_LINE = 72;
    private static final byte[] WORDS = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua mail harness load test ".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String SENDER_NAME = encodedWord("Mailharness Sender \u00e9\u00e8");

    private final long seed;
    private final MessageMix mix;
    private final boolean trickyLines;

    /**
     * @param trickyLines add the dot lines and the 998-character line (on by default in load runs)
     */
    public LoadMessageBuilder(long seed, MessageMix mix, boolean trickyLines) {
        this.seed = seed;
        this.mix = mix;
        this.trickyLines = trickyLines;
    }

    public LoadMessageBuilder(long seed, MessageMix mix) {
        this(seed, mix, true);
    }

    public MessageMix mix() {
        return mix;
    }

    /** Message number {@code index} of the run, addressed from {@code from} to {@code to}. */
    public TestMessage build(long index, String id, String from, List<String> to, long sentAtMillis) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + index);
        MessageMix.Draw draw = mix.draw(random);
        String boundary = "mh-boundary-" + Long.toHexString(random.nextLong());
        StringBuilder h = new StringBuilder(512)
                .append("From: ").append(SENDER_NAME).append(" <").append(from).append(">\r\n")
                .append("To: ").append(String.join(",\r\n ", to.stream().map(a -> "<" + a + ">").toList())).append("\r\n")
                .append("Subject: ").append(encodedWord("Load test " + index + " \u2013 Gr\u00fc\u00dfe \u00e0 tous \u2709")).append("\r\n")
                .append("Date: ").append(DATE.format(Instant.ofEpochMilli(sentAtMillis))).append("\r\n")
                .append("Message-ID: <").append(id).append("@mailharness.invalid>\r\n")
                .append("MIME-Version: 1.0\r\n");
        ByteSink out = new ByteSink(draw.size() + 1024);
        if (draw.attachment()) {
            h.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
            out.ascii(h);
            out.ascii("This is a multi-part message in MIME format.\r\n");
            out.ascii("--").ascii(boundary).ascii("\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
            int textSize = Math.max(200, draw.size() / 5);
            text(out, random, textSize);
            out.ascii("--").ascii(boundary).ascii("\r\nContent-Type: application/octet-stream; name=\"data-").ascii(Long.toString(index))
                    .ascii(".bin\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"data-")
                    .ascii(Long.toString(index)).ascii(".bin\"\r\n\r\n");
            int closing = boundary.length() + 8;
            int base64Room = Math.max(78, draw.size() - out.size() - closing);
            int raw = Math.max(1, base64Room / 78 * 57);
            byte[] bytes = new byte[raw];
            random.nextBytes(bytes);
            out.ascii(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(bytes)).ascii("\r\n");
            out.ascii("--").ascii(boundary).ascii("--\r\n");
        } else {
            h.append("Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
            out.ascii(h);
            text(out, random, Math.max(2, draw.size() - out.size()));
        }
        return MessageStamp.stamp(id, sentAtMillis, to.size(), out.toByteArray());
    }

    /** Text lines up to {@code size} octets; with tricky lines, dot lines first and one line at the length limit. */
    private void text(ByteSink out, Random random, int size) {
        int end = out.size() + size;
        if (trickyLines && size >= 1200) {
            out.ascii(".\r\n");                      // alone it would end the data: must be stuffed
            out.ascii("..two dots lead this line\r\n");
            out.ascii(". a dot and a space\r\n");
            StringBuilder longLine = new StringBuilder(MAX_LINE);
            while (longLine.length() < MAX_LINE - 1) longLine.append((char) WORDS[random.nextInt(WORDS.length)]);
            longLine.append('x');
            out.ascii(longLine).ascii("\r\n");
        }
        int column = 0;
        while (out.size() < end - 2) {
            if (column >= TEXT_LINE && out.size() < end - 3) {
                out.ascii("\r\n");
                column = 0;
            } else {
                byte b = WORDS[random.nextInt(WORDS.length)];
                if (column == 0 && random.nextInt(16) == 0) b = '.';
                boolean lastOfLine = column + 1 >= TEXT_LINE || out.size() + 1 >= end - 2;
                if (b == ' ' && lastOfLine) b = 'x'; // no trailing white space: some stores trim it
                out.write(b);
                column++;
            }
        }
        // Never an empty last line: some stores (GreenMail 2.1) drop it, and the message would read as altered.
        if (column == 0) out.write('x');
        out.ascii("\r\n");
    }

    /** RFC 2047 B-encoded UTF-8 word(s), each encoded word within 75 characters (at most 45 octets of text each). */
    static String encodedWord(String text) {
        StringBuilder result = new StringBuilder(text.length() * 2 + 16);
        int chunkStart = 0;
        int chunkOctets = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int octets = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (chunkOctets + octets > 45) {
                appendWord(result, text.substring(chunkStart, i));
                chunkStart = i;
                chunkOctets = 0;
            }
            chunkOctets += octets;
            i += Character.charCount(cp);
        }
        appendWord(result, text.substring(chunkStart));
        return result.toString();
    }

    private static void appendWord(StringBuilder result, String chunk) {
        if (chunk.isEmpty()) return;
        if (!result.isEmpty()) result.append("\r\n ");
        result.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(chunk.getBytes(StandardCharsets.UTF_8))).append("?=");
    }

    /** An unsynchronised growable byte array: one message is built by one thread, a byte at a time. */
    private static final class ByteSink {
        private byte[] buffer;
        private int count;

        ByteSink(int size) {
            buffer = new byte[Math.max(16, size)];
        }

        void write(int b) {
            if (count == buffer.length) buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            buffer[count++] = (byte) b;
        }

        ByteSink ascii(CharSequence s) {
            int n = s.length();
            if (count + n > buffer.length) buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + n));
            for (int i = 0; i < n; i++) buffer[count++] = (byte) s.charAt(i);
            return this;
        }

        int size() {
            return count;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buffer, count);
        }
    }
}
