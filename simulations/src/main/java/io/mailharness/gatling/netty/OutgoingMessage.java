package io.mailharness.gatling.netty;

import io.mailharness.message.MessageStamp;
import io.mailharness.message.TestMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.function.Consumer;

/**
 * One load message ready to send: its own octets are the stamp line and the header fields (a few hundred octets,
 * none starting with "."), its body is a share of a {@link SharedBody}. The stamp's digest covers the header fields
 * and the body, as {@link MessageStamp} defines it.
 */
public final class OutgoingMessage {
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
