package io.mailharness.sink.net;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * One command line taken from received octets. A line ends at CRLF only (RFC 5321 §2.3.8, RFC 1939 §3): a bare
 * CR or LF is part of the line, and {@link #hasBareLineEnd()} tells the caller to refuse it.
 *
 * @param text      the line without its CRLF, each octet as one char (ISO-8859-1), or "" when too long
 * @param tooLong   the line was longer than the limit; its octets were dropped
 */
public record CommandLine(String text, boolean tooLong) {
    private static final CommandLine TOO_LONG = new CommandLine("", true);

    public boolean hasBareLineEnd() {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    /**
     * Reads the next line, at most {@code limit} octets with its CRLF. Returns null when the line is not complete
     * yet. A line over the limit is reported once, as soon as it is known; its rest is dropped as it arrives, which
     * {@code skipping} tracks across calls.
     */
    public static CommandLine next(ByteBuf in, int limit, Skipping skipping) {
        int start = in.readerIndex();
        int end = crlfEnd(in, start);
        if (skipping.active) {
            if (end < 0) {
                // keep a final CR: it may start the CRLF that ends the overlong line
                in.readerIndex(Math.max(start, in.writerIndex() - 1));
                return null;
            }
            in.readerIndex(end);
            skipping.active = false;
            return next(in, limit, skipping);
        }
        if (end < 0) {
            if (in.readableBytes() < limit) return null;
            skipping.active = true;
            in.readerIndex(in.writerIndex() - 1);
            return TOO_LONG;
        }
        in.readerIndex(end);
        if (end - start > limit) return TOO_LONG;
        return new CommandLine(in.toString(start, end - start - 2, StandardCharsets.ISO_8859_1), false);
    }

    /** The index just after the first CRLF from {@code from}, or -1. */
    private static int crlfEnd(ByteBuf in, int from) {
        int lf = from;
        while ((lf = in.indexOf(lf, in.writerIndex(), (byte) '\n')) >= 0) {
            if (lf > in.readerIndex() && in.getByte(lf - 1) == '\r') return lf + 1;
            lf++;
        }
        return -1;
    }

    /** Whether the rest of an overlong line is being dropped: one per connection. */
    public static final class Skipping {
        private boolean active;
    }
}
