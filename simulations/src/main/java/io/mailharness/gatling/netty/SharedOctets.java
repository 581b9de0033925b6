package io.mailharness.gatling.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;

/**
 * Octets every connection writes (fixed command lines, shared message bodies), made once in direct memory: the native
 * transport writes them by address, without a copy. Each write takes a {@link ByteBuf#duplicate()} or a slice (its
 * own indexes) and no write can release them; the memory is the JDK's, freed by the garbage collector with its owner.
 * Not wrapped read-only (that would cost a buffer object per write): nothing writes into outbound buffers.
 */
final class SharedOctets {
    private SharedOctets() {}

    static ByteBuf of(byte[] octets) {
        ByteBuffer memory = ByteBuffer.allocateDirect(Math.max(1, octets.length)).put(octets).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(memory));
    }
}
