package io.mailharness.sink.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Finds the end of mail data (RFC 5321 §4.1.1.4): the line "." between two CRLFs, where the first CRLF may be the
 * one that ended the DATA command. Only CRLF ends a line, so {@code <LF>.<LF>}, {@code <CR><LF>.<LF>} and the other
 * look-alikes stay inside the data (RFC 5321 §2.3.8; the defence against SMTP smuggling). It keeps its state
 * between buffers, so the terminator may arrive split anywhere.
 */
final class EndOfDataScanner implements ByteProcessor {
    private static final int IN_LINE = 0;
    private static final int AFTER_CR = 1;
    private static final int LINE_START = 2;
    private static final int DOT = 3;
    private static final int DOT_CR = 4;

    private int state = LINE_START;

    /** Starts a new message: data begins at a line start. */
    void reset() {
        state = LINE_START;
    }

    /** The index just after the terminating ".CRLF" among the readable octets, or -1 when it has not come yet. */
    int findEnd(ByteBuf in) {
        int last = in.forEachByte(this);
        return last < 0 ? -1 : last + 1;
    }

    @Override
    public boolean process(byte b) {
        switch (state) {
            case IN_LINE -> state = b == '\r' ? AFTER_CR : IN_LINE;
            case AFTER_CR -> state = b == '\n' ? LINE_START : b == '\r' ? AFTER_CR : IN_LINE;
            case LINE_START -> state = b == '.' ? DOT : b == '\r' ? AFTER_CR : IN_LINE;
            case DOT -> state = b == '\r' ? DOT_CR : IN_LINE;
            default -> { // DOT_CR
                if (b == '\n') {
                    state = LINE_START;
                    return false;
                }
                state = b == '\r' ? AFTER_CR : IN_LINE;
            }
        }
        return true;
    }
}
