package io.mailharness.sink.smtp;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * The octets of one message as they arrive: always counted, and copied only when the sink keeps messages. Past
 * the size limit nothing more is copied; the message is then refused once its end has been read.
 */
final class IncomingMessage {
    private final long limit;
    private final boolean copy;
    private byte[] octets;
    private int length;
    private long received;

    /** @param limit the most octets it may have (the message size limit plus any terminator counted with it) */
    IncomingMessage(long limit, boolean copy) {
        this.limit = limit;
        this.copy = copy;
        this.octets = copy ? new byte[(int) Math.min(4096, limit)] : null;
    }

    void take(ByteBuf in, int index, int count) {
        received += count;
        if (!copy || received > limit) return;
        if (length + count > octets.length) {
            octets = Arrays.copyOf(octets, (int) Math.min(limit, Math.max((long) octets.length * 2, length + count)));
        }
        in.getBytes(index, octets, length, count);
        length += count;
    }

    long received() {
        return received;
    }

    boolean oversized() {
        return received > limit;
    }

    /** The copied octets without the last {@code dropped} ones (the end-of-data line). */
    byte[] octets(int dropped) {
        return Arrays.copyOf(octets, length - dropped);
    }
}
