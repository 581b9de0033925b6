package io.mailharness.gatling.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

import java.util.List;

import static io.mailharness.gatling.netty.CommandLines.CRLF;
import static io.mailharness.gatling.netty.CommandLines.fixed;

/**
 * SMTP command lines as octets (RFC 5321 §4.1.1): the fixed ones made once and shared, the ones with a path written
 * straight into a pooled buffer, without an intermediate string.
 */
final class SmtpCommands {
    static final ByteBuf DATA = fixed("DATA\r\n");
    static final ByteBuf RSET = fixed("RSET\r\n");
    static final ByteBuf NOOP = fixed("NOOP\r\n");
    static final ByteBuf QUIT = fixed("QUIT\r\n");
    static final ByteBuf STARTTLS = fixed("STARTTLS\r\n");
    /** The end-of-data line that follows the mail data (RFC 5321 §4.1.1.4). */
    static final ByteBuf END_OF_DATA = fixed(".\r\n");

    private SmtpCommands() {}

    /** A shared command to write: a view of its own, so concurrent writers do not share indexes. */
    static ByteBuf of(ByteBuf fixed) {
        return fixed.duplicate();
    }

    static ByteBuf ehlo(ByteBufAllocator alloc, String domain) {
        return CommandLines.line(alloc, "EHLO ", domain);
    }

    static ByteBuf mail(ByteBufAllocator alloc, String reversePath) {
        ByteBuf out = alloc.buffer(14 + reversePath.length() * 3);
        writeMail(out, reversePath);
        return out;
    }

    static ByteBuf rcpt(ByteBufAllocator alloc, String forwardPath) {
        ByteBuf out = alloc.buffer(12 + forwardPath.length() * 3);
        writeRcpt(out, forwardPath);
        return out;
    }

    /** MAIL, one RCPT per forward-path and DATA, for one write (RFC 2920 command pipelining). */
    static ByteBuf envelopeGroup(ByteBufAllocator alloc, String reversePath, List<String> forwardPaths) {
        int size = 20 + reversePath.length() * 3;
        for (String p : forwardPaths) size += 12 + p.length() * 3;
        ByteBuf out = alloc.buffer(size);
        writeMail(out, reversePath);
        for (String p : forwardPaths) writeRcpt(out, p);
        ByteBufUtil.writeAscii(out, "DATA");
        out.writeShort(CRLF);
        return out;
    }

    private static void writeMail(ByteBuf out, String reversePath) {
        ByteBufUtil.writeAscii(out, "MAIL FROM:<");
        ByteBufUtil.writeUtf8(out, reversePath);
        out.writeByte('>');
        out.writeShort(CRLF);
    }

    private static void writeRcpt(ByteBuf out, String forwardPath) {
        ByteBufUtil.writeAscii(out, "RCPT TO:<");
        ByteBufUtil.writeUtf8(out, forwardPath);
        out.writeByte('>');
        out.writeShort(CRLF);
    }
}
