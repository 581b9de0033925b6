package io.mailharness.gatling.netty;

import io.mailharness.protocol.DotStuffing;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The body of every message of one size band, made once at the band's largest size and shared read-only by all
 * connections: a fixed head (for multipart, the preamble, the text part and the attachment's part header), lines that
 * a message takes as many of as its size asks (the text, or the attachment's base64 lines, each of which decodes on
 * its own), and a fixed tail (the closing boundary). Kept twice: as is, to digest, and dot-stuffed in
 * {@link SharedOctets}, to write without a copy.
 */
final class SharedBody {
    /** The band's MIME header fields, from MIME-Version to the blank line that ends the header section. */
    final byte[] mimeFields;
    private final byte[] head;
    private final byte[] lines;
    private final byte[] tail;
    /** Where each line of {@link #lines} ends (just past its LF), as is and dot-stuffed. */
    private final int[] lineEnds;
    private final int[] stuffedLineEnds;
    private final ByteBuf stuffedHead;
    private final ByteBuf stuffedLines;
    private final ByteBuf stuffedTail;

    SharedBody(byte[] mimeFields, byte[] head, byte[] lines, byte[] tail) {
        if (lines.length == 0 || lines[lines.length - 1] != '\n') throw new IllegalArgumentException("a shared body's lines end with a line end");
        this.mimeFields = mimeFields;
        this.head = head;
        this.lines = lines;
        this.tail = tail;
        int count = 0;
        for (byte b : lines) if (b == '\n') count++;
        lineEnds = new int[count];
        stuffedLineEnds = new int[count];
        int line = 0;
        int stuffed = 0;
        boolean atLineStart = true;
        for (int i = 0; i < lines.length; i++) {
            if (atLineStart && lines[i] == '.') stuffed++;
            stuffed++;
            atLineStart = lines[i] == '\n';
            if (atLineStart) {
                lineEnds[line] = i + 1;
                stuffedLineEnds[line] = stuffed;
                line++;
            }
        }
        stuffedHead = SharedOctets.of(DotStuffing.stuff(head));
        stuffedLines = SharedOctets.of(DotStuffing.stuff(lines));
        stuffedTail = SharedOctets.of(DotStuffing.stuff(tail));
        if (stuffedLines.readableBytes() != stuffed) throw new IllegalStateException("dot-stuffed line ends out of step with DotStuffing");
    }

    /** How many lines a body of at most {@code octets} takes (at least one): the size lands on a line end. */
    int linesFor(int octets) {
        int room = octets - head.length - tail.length;
        int i = Arrays.binarySearch(lineEnds, room);
        int n = i >= 0 ? i + 1 : -i - 1;
        return Math.max(1, Math.min(n, lineEnds.length));
    }

    /** Octets of the body with {@code lineCount} lines, as the message holds them (not stuffed). */
    int size(int lineCount) {
        return head.length + lineEnds[lineCount - 1] + tail.length;
    }

    /** Octets of the body with {@code lineCount} lines, dot-stuffed as it goes on the wire. */
    int stuffedSize(int lineCount) {
        return stuffedHead.readableBytes() + stuffedLineEnds[lineCount - 1] + stuffedTail.readableBytes();
    }

    /** Feeds the body with {@code lineCount} lines, as is, to a digest. */
    void digest(java.security.MessageDigest digest, int lineCount) {
        digest.update(head);
        digest.update(lines, 0, lineEnds[lineCount - 1]);
        digest.update(tail);
    }

    /** Hands the dot-stuffed body's parts to {@code out}: views of the shared octets, which no write can release. */
    void stuffedParts(int lineCount, Consumer<ByteBuf> out) {
        if (head.length > 0) out.accept(stuffedHead.duplicate());
        out.accept(stuffedLines.slice(0, stuffedLineEnds[lineCount - 1]));
        if (tail.length > 0) out.accept(stuffedTail.duplicate());
    }

    /** The body with {@code lineCount} lines as the message holds it (for checks and tests). */
    byte[] content(int lineCount) {
        int end = lineEnds[lineCount - 1];
        byte[] out = new byte[head.length + end + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(lines, 0, out, head.length, end);
        System.arraycopy(tail, 0, out, head.length + end, tail.length);
        return out;
    }

    /** Octets held in direct memory (stuffed copy). */
    int directOctets() {
        return stuffedHead.capacity() + stuffedLines.capacity() + stuffedTail.capacity();
    }

    @Override
    public String toString() {
        return "SharedBody[" + new String(mimeFields, StandardCharsets.US_ASCII).strip().replace("\r\n", " ") + ", up to " + size(lineEnds.length) + " octets]";
    }
}
