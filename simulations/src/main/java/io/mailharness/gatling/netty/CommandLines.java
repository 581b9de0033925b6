package io.mailharness.gatling.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/** Command lines as octets for either protocol: fixed ones made once and shared, others written into a pooled buffer. */
final class CommandLines {
    static final short CRLF = ('\r' << 8) | '\n';

    private CommandLines() {}

    /** A fixed line, shared by every connection (see {@link SharedOctets}). */
    static ByteBuf fixed(String line) {
        return SharedOctets.of(line.getBytes(StandardCharsets.US_ASCII));
    }

    /** A command verb (with its trailing space, if any) and an argument, then CRLF. */
    static ByteBuf line(ByteBufAllocator alloc, String verb, String argument) {
        ByteBuf out = alloc.buffer(verb.length() + argument.length() * 3 + 2);
        ByteBufUtil.writeAscii(out, verb);
        ByteBufUtil.writeUtf8(out, argument);
        out.writeShort(CRLF);
        return out;
    }
}
