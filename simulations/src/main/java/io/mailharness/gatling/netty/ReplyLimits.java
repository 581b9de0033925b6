package io.mailharness.gatling.netty;

/**
 * Bounds on what a server can make the client hold. Past any of them the step ends in a classified failure
 * ({@code protocol: …}) and the connection is closed: garbage, an endless multi-line reply or a message without
 * end costs a failure, never unbounded memory.
 *
 * @param lineOctets     longest reply or response line, line end excluded
 * @param replyLines     most lines in one SMTP reply or one POP3 listing
 * @param keptTextOctets reply text kept per SMTP reply, over all its lines (later lines are counted, not kept)
 * @param replyOctets    most octets of one SMTP reply (counted, its text kept only up to keptTextOctets) and of one POP3
 *                       multi-line listing (LIST, UIDL, CAPA, all kept), the whole response counted
 * @param messageOctets  largest RETR or TOP response streamed through (counted and digested, never held), the whole
 *                       response counted as it comes
 */
public record ReplyLimits(int lineOctets, int replyLines, int keptTextOctets, int replyOctets, long messageOctets) {

    public ReplyLimits {
        // RFC 5321 §4.5.3.1.5: a reply line may be 512 octets; RFC 1939 §3: a POP3 response line 512 octets.
        if (lineOctets < 512) throw new IllegalArgumentException("a reply line limit below 512 octets refuses conforming replies: " + lineOctets);
        if (replyLines < 1 || keptTextOctets < 1 || replyOctets < 1 || messageOctets < 1) {
            throw new IllegalArgumentException("reply limits must be positive: " + this);
        }
    }

    /** 64 KiB lines, 1000-line replies and listings, 8 KiB of reply text kept, 16 MiB replies and listings, 64 MiB messages. */
    public static ReplyLimits defaults() {
        return new ReplyLimits(64 * 1024, 1000, 8 * 1024, 16 * 1024 * 1024, 64L * 1024 * 1024);
    }

    public ReplyLimits withLineOctets(int v) {
        return new ReplyLimits(v, replyLines, keptTextOctets, replyOctets, messageOctets);
    }

    public ReplyLimits withReplyLines(int v) {
        return new ReplyLimits(lineOctets, v, keptTextOctets, replyOctets, messageOctets);
    }

    public ReplyLimits withReplyOctets(int v) {
        return new ReplyLimits(lineOctets, replyLines, keptTextOctets, v, messageOctets);
    }

    public ReplyLimits withMessageOctets(long v) {
        return new ReplyLimits(lineOctets, replyLines, keptTextOctets, replyOctets, v);
    }
}
