package io.mailharness.gatling.netty;

import io.mailharness.message.MessageStamp;
import io.mailharness.message.TestMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.FastThreadLocal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Takes a retrieved message line by line as it streams in (RFC 1939 §3): removes the byte-stuffing, counts the
 * octets against the bound, finds the harness stamp in the header section, and digests every line after it. Each
 * line counts with a CRLF, as a line-reading client sees it. While a RETR streams in, its octets are kept in a
 * pooled buffer (within the same bound) and handed over only when the digest differs: the ledger compares a damaged
 * message with the message as sent; an intact one, or one without a stamp, is never copied out.
 */
final class MessageReceiver {
    private static final byte[] STAMP_FIELD = (TestMessage.ID_HEADER + ":").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    /** A line is copied here to be digested: the event loop's own, used within one call. */
    private static final FastThreadLocal<byte[]> LINE = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[8192];
        }
    };

    /** A message past the bound. */
    static final class TooLong extends Exception {
        TooLong(String problem) {
            super(problem, null, false, false);
        }
    }

    private final long maxOctets;
    private final boolean inspect;
    /** The octets received so far (RETR only), until the header section ends without a stamp or the result is taken. */
    private ByteBuf kept;
    private long octets;
    /** Octets of the whole response so far, as they came (what {@code maxOctets} bounds). */
    private long replyOctets;
    private boolean inHeader = true;
    private byte[] stampLine;
    private MessageDigest digest;

    /**
     * @param maxOctets    most octets of the whole response as it comes: status line, byte-stuffing, line ends and
     *                     the final "." line included (as the blocking client bounds a reply)
     * @param statusOctets octets of the +OK line already received
     * @param inspect      look for the stamp and check the digest (RETR); false counts octets only (TOP)
     * @param alloc        where the octets of an inspected message are kept while it streams in
     */
    MessageReceiver(long maxOctets, long statusOctets, boolean inspect, ByteBufAllocator alloc) {
        this.maxOctets = maxOctets;
        this.replyOctets = statusOctets;
        this.inspect = inspect;
        if (inspect) kept = alloc.buffer(8192);
    }

    /** One line of the response body, without its line end ({@code in} is past it); true when it was the terminating "." line. */
    boolean line(ByteBuf in, int start, int length) throws TooLong {
        replyOctets += in.readerIndex() - start; // the reader is past the line end: the line as it came
        if (replyOctets > maxOctets) throw new TooLong("reply longer than " + maxOctets + " octets");
        if (length > 0 && in.getByte(start) == '.') {
            if (length == 1) return true;
            start++;
            length--;
        }
        octets += length + 2;
        if (!inspect) return false;
        keep(in, start, length);
        if (digest != null) {
            update(in, start, length);
        } else if (stampLine != null) {
            if (length > 0 && (in.getByte(start) == ' ' || in.getByte(start) == '\t')) { // the stamp folded: still the stamp
                stampLine = withLine(stampLine, in, start, length);
            } else { // the first line the digest covers
                digest = newDigest();
                update(in, start, length);
            }
        } else if (inHeader) {
            if (length == 0) { // the header section ended without a stamp: not a harness message
                inHeader = false;
                release();
            } else if (isStampField(in, start, length)) {
                stampLine = withLine(new byte[0], in, start, length);
            }
        }
        return false;
    }

    /** {@code octets} and then the line, with CRLF. */
    private static byte[] withLine(byte[] octets, ByteBuf in, int start, int length) {
        byte[] out = java.util.Arrays.copyOf(octets, octets.length + length + 2);
        in.getBytes(start, out, octets.length, length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    /** The message as received, at its terminating "." line; the octets kept are released. */
    RetrievedMessage result() {
        try {
            if (stampLine == null) return new RetrievedMessage(octets, Optional.empty(), null);
            String actual = HexFormat.of().formatHex((digest == null ? newDigest() : digest).digest());
            // Judged by core, as a message retrieved whole would be, with the digest of what followed the stamp.
            Optional<MessageStamp.Inspection> stamp = MessageStamp.inspect(stampLine, actual);
            // Octets handed over for the ledger to compare: a damaged message's, and one whose stamp lost its digest.
            boolean compare = stamp.isPresent() && (!stamp.get().intact() || stamp.get().digest().isEmpty());
            return new RetrievedMessage(octets, stamp, compare && kept != null ? ByteBufUtil.getBytes(kept) : null);
        } finally {
            release();
        }
    }

    /**
     * What a retrieval cut off part way had shown: the stamp, if it had arrived (its digest unchecked: the message
     * is incomplete). The octets kept are released.
     */
    RetrievedMessage cutOff() {
        release();
        Optional<MessageStamp.Inspection> stamp = stampLine == null ? Optional.empty() : MessageStamp.inspect(stampLine)
                .map(i -> new MessageStamp.Inspection(i.id(), i.sentAtMillis(), i.recipients(), i.digest(), "", false));
        return new RetrievedMessage(octets, stamp, null);
    }

    /** Lets go of the octets kept; safe to call more than once. */
    void release() {
        if (kept != null) {
            kept.release();
            kept = null;
        }
    }

    private void keep(ByteBuf in, int start, int length) {
        if (kept == null) return;
        kept.writeBytes(in, start, length);
        kept.writeBytes(CRLF);
    }

    private void update(ByteBuf in, int start, int length) {
        byte[] line = LINE.get();
        for (int done = 0; done < length; ) {
            int n = Math.min(line.length, length - done);
            in.getBytes(start + done, line, 0, n);
            digest.update(line, 0, n);
            done += n;
        }
        digest.update(CRLF);
    }

    private static boolean isStampField(ByteBuf in, int start, int length) {
        if (length < STAMP_FIELD.length) return false;
        for (int i = 0; i < STAMP_FIELD.length; i++) {
            if (Character.toLowerCase(in.getByte(start + i)) != Character.toLowerCase(STAMP_FIELD[i])) return false;
        }
        return true;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }
}
