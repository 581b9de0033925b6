package io.mailharness.gatling.netty;

import io.mailharness.message.LoadMessageBuilder;
import io.mailharness.message.MessageMix;
import io.mailharness.message.MessageStamp;
import io.netty.util.concurrent.FastThreadLocal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The load messages of a run without making text per message: for each size band of the {@link MessageMix} one
 * body is made once by core's {@link LoadMessageBuilder} at the band's largest size (dot lines, the 998-octet line,
 * UTF-8 header words, MIME with a base64 attachment where the band has one) and shared; each message takes its own
 * stamp and header fields (From, To, Subject with its number, Date, Message-ID) and as much of its band's body as its
 * drawn size asks, to the nearest line end below. Sizes are drawn as the mix draws them, from the same seed and index.
 * Thread-safe: every event loop builds its users' messages with a digest and date of its own.
 */
public final class SharedBodyMessages {
    private static final String TEMPLATE_ADDRESS = "template@mailharness.invalid";
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /** The constant, non-ASCII tail of every Subject as an RFC 2047 encoded word (under 75 characters). */
    private static final String SUBJECT_TAIL = "=?UTF-8?B?"
            + Base64.getEncoder().encodeToString("\u2013 Gr\u00fc\u00dfe \u00e0 tous \u2709".getBytes(StandardCharsets.UTF_8)) + "?=";

    private final long seed;
    private final MessageMix mix;
    private final List<SharedBody> bodies;
    /** The sender's display name, as the template's From field has it (an encoded word). */
    private final String senderName;
    private final FastThreadLocal<Scratch> scratch = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    public SharedBodyMessages(long seed, MessageMix mix, boolean trickyLines) {
        this.seed = seed;
        this.mix = mix;
        List<SharedBody> made = new ArrayList<>();
        String sender = null;
        for (MessageMix.Band band : mix.bands()) {
            MessageMix widest = new MessageMix("band", List.of(new MessageMix.Band(1, band.maxSize(), band.maxSize(), band.attachment())));
            byte[] template = new LoadMessageBuilder(seed, widest, trickyLines)
                    .build(0, "template", TEMPLATE_ADDRESS, List.of(TEMPLATE_ADDRESS), 0).content();
            TemplateParts parts = TemplateParts.of(template, band.attachment());
            made.add(parts.body());
            sender = parts.senderName();
        }
        this.bodies = List.copyOf(made);
        this.senderName = sender;
    }

    public SharedBodyMessages(long seed, MessageMix mix) {
        this(seed, mix, true);
    }

    public MessageMix mix() {
        return mix;
    }

    /** Octets of shared bodies held in direct memory. */
    public long sharedOctets() {
        long n = 0;
        for (SharedBody b : bodies) n += b.directOctets();
        return n;
    }

    /** Message number {@code index} of the run, addressed from {@code from} to {@code to} (as {@link LoadMessageBuilder#build}). */
    public OutgoingMessage build(long index, String id, String from, List<String> to, long sentAtMillis) {
        Scratch s = scratch.get();
        s.random.setSeed(seed * 0x9E3779B97F4A7C15L + index); // the same draws as a new Random of that seed
        MessageMix.Draw draw = mix.draw(s.random);
        SharedBody body = bodies.get(band(draw));
        StringBuilder h = s.header;
        h.setLength(0);
        h.append("From: ").append(senderName).append(" <").append(from).append(">\r\nTo: ");
        for (int i = 0; i < to.size(); i++) {
            if (i > 0) h.append(",\r\n ");
            h.append('<').append(to.get(i)).append('>');
        }
        h.append("\r\nSubject: Load test ").append(index).append(' ').append(SUBJECT_TAIL)
                .append("\r\nDate: ").append(s.date(sentAtMillis))
                .append("\r\nMessage-ID: <").append(id).append("@mailharness.invalid>\r\n");
        byte[] fields = h.toString().getBytes(StandardCharsets.ISO_8859_1); // header text is ASCII, as core's builder writes it
        int lines = body.linesFor(draw.size() - fields.length - body.mimeFields.length);
        MessageDigest digest = s.sha256;
        digest.update(fields);
        digest.update(body.mimeFields);
        body.digest(digest, lines);
        MessageStamp stamp = new MessageStamp(id, sentAtMillis, to.size(), HexFormat.of().formatHex(digest.digest()));

        byte[] stampLine = stamp.headerLine().getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = new byte[stampLine.length + fields.length + body.mimeFields.length];
        System.arraycopy(stampLine, 0, head, 0, stampLine.length);
        System.arraycopy(fields, 0, head, stampLine.length, fields.length);
        System.arraycopy(body.mimeFields, 0, head, stampLine.length + fields.length, body.mimeFields.length);
        return new OutgoingMessage(stamp, head, body, lines);
    }

    /** The first band of the draw's kind that holds its size (bands may share their edges). */
    private int band(MessageMix.Draw draw) {
        List<MessageMix.Band> bands = mix.bands();
        for (int i = 0; i < bands.size(); i++) {
            MessageMix.Band b = bands.get(i);
            if (b.attachment() == draw.attachment() && draw.size() >= b.minSize() && draw.size() <= b.maxSize()) return i;
        }
        throw new IllegalStateException("no band of " + mix + " holds a drawn size of " + draw.size());
    }

    /** Per event loop: a digest and a random to reuse, the header being written, and the Date of the current second. */
    private static final class Scratch {
        final MessageDigest sha256;
        final Random random = new Random(0);
        final StringBuilder header = new StringBuilder(512);
        long dateSecond = Long.MIN_VALUE;
        String dateText;

        Scratch() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 missing from this JDK", e);
            }
        }

        String date(long millis) {
            long second = Math.floorDiv(millis, 1000);
            if (second != dateSecond) {
                dateSecond = second;
                dateText = DATE.format(Instant.ofEpochSecond(second));
            }
            return dateText;
        }
    }

    /** A template message cut into what every message of its band shares. */
    private record TemplateParts(String senderName, SharedBody body) {
        static TemplateParts of(byte[] template, boolean attachment) {
            String text = new String(template, StandardCharsets.ISO_8859_1);
            int headerEnd = text.indexOf("\r\n\r\n") + 4;
            int from = text.indexOf("\r\nFrom: ") + 8;
            int mime = text.indexOf("\r\nMIME-Version: ") + 2;
            if (headerEnd < 4 || from < 8 || mime < 2 || mime > headerEnd) throw new IllegalStateException("unexpected template message shape");
            String senderName = text.substring(from, text.indexOf(" <" + TEMPLATE_ADDRESS + ">", from));
            byte[] mimeFields = slice(template, mime, headerEnd);
            if (!attachment) return new TemplateParts(senderName, new SharedBody(mimeFields, new byte[0], slice(template, headerEnd, template.length), new byte[0]));
            // multipart: the base64 lines start after the attachment's part header and end before the closing boundary
            int linesStart = text.indexOf("\r\n\r\n", text.indexOf("Content-Disposition: attachment", headerEnd)) + 4;
            int tailStart = text.lastIndexOf("\r\n--", template.length - 3) + 2;
            if (linesStart < 4 || tailStart <= linesStart) throw new IllegalStateException("unexpected template multipart shape");
            return new TemplateParts(senderName, new SharedBody(mimeFields, slice(template, headerEnd, linesStart),
                    slice(template, linesStart, tailStart), slice(template, tailStart, template.length)));
        }

        private static byte[] slice(byte[] a, int from, int to) {
            return java.util.Arrays.copyOfRange(a, from, to);
        }
    }
}
