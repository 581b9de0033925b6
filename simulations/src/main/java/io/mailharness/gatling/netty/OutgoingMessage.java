package io.mailharness.gatling.netty;

import io.mailharness.message.MessageStamp;
import io.mailharness.message.TestMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.util.function.Consumer;

/**
 * One load message ready to send: its own octets are the stamp line and the header fields (a few hundred octets,
 * none starting with "."), its body is a share of a {@link SharedBody}. The stamp's digest covers the header fields
 * and the body, as {@link MessageStamp} defines it.
 */
public final class OutgoingMessage {
    /**
     * Mail data up to this many octets (dot-stuffed, with the end-of-data line) is copied into one pooled buffer: one
     * write through the pipeline and one send, cheaper than a view per part for the messages a load test mostly sends.
     */
    static final int COPIED_AT_MOST = 16 * 1024;

    private final MessageStamp stamp;
    private final byte[] head;
    private final SharedBody body;
    private final int bodyLines;

    OutgoingMessage(MessageStamp stamp, byte[] head, SharedBody body, int bodyLines) {
        this.stamp = stamp;
        this.head = head;
        this.body = body;
        this.bodyLines = bodyLines;
    }

    public String id() {
        return stamp.id();
    }

    public MessageStamp stamp() {
        return stamp;
    }

    /** The digest the stamp carries, as the ledger records it. */
    public String digest() {
        return stamp.digest();
    }

    /** Octets of the message (stamp line included, before dot-stuffing). */
    public int size() {
        return head.length + body.size(bodyLines);
    }

    /** The mail data as it goes after the 354, dot-stuffed, without the end-of-data line: views, nothing copied. */
    void stuffedParts(Consumer<ByteBuf> out) {
        out.accept(Unpooled.wrappedBuffer(head));
        body.stuffedParts(bodyLines, out);
    }

    /**
     * The mail data as it goes after the 354 and then {@code endOfData}, handed to {@code out} to be written in one
     * flush: a small message as one copy (see {@link #COPIED_AT_MOST}), a larger one as views, nothing copied.
     */
    void stuffedData(ByteBufAllocator alloc, ByteBuf endOfData, Consumer<ByteBuf> out) {
        int size = head.length + body.stuffedSize(bodyLines) + endOfData.readableBytes();
        if (size > COPIED_AT_MOST) {
            stuffedParts(out);
            out.accept(endOfData);
            return;
        }
        ByteBuf data = alloc.directBuffer(size, size);
        data.writeBytes(head);
        body.stuffedParts(bodyLines, data::writeBytes);
        data.writeBytes(endOfData);
        endOfData.release();
        out.accept(data);
    }

    /** The whole message as core's {@link TestMessage} (a copy: for checks and tests, not for sending). */
    public TestMessage toTestMessage() {
        byte[] rest = body.content(bodyLines);
        byte[] all = new byte[head.length + rest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return new TestMessage(stamp.id(), all);
    }

    @Override
    public String toString() {
        return "OutgoingMessage[" + stamp.id() + ", " + size() + " octets]";
    }
}
