package io.mailharness.faultserver;

import io.mailharness.faultserver.pop3.Pop3Reply;
import io.mailharness.faultserver.pop3.Pop3ReplyFault;
import io.mailharness.faultserver.pop3.Pop3ReplyRewrite;
import io.mailharness.faultserver.pop3.Pop3Stage;
import io.mailharness.faultserver.smtp.BodyAction;
import io.mailharness.faultserver.smtp.BodyInterruption;
import io.mailharness.faultserver.smtp.SmtpBodyFault;
import io.mailharness.faultserver.smtp.SmtpCommandFault;
import io.mailharness.faultserver.smtp.SmtpCommandVariant;
import io.mailharness.faultserver.smtp.SmtpReply;
import io.mailharness.faultserver.smtp.SmtpReplyFault;
import io.mailharness.faultserver.smtp.SmtpReplyRewrite;
import io.mailharness.faultserver.smtp.SmtpSession;
import io.mailharness.faultserver.smtp.SmtpStage;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Hostile servers: faults that attack the client rather than break one RFC rule — replies without end,
 * lines without end, replies that drip, connections reset in the middle of the data, a server closing
 * at once. A load client must survive each with bounded memory and time. (A server that goes down and
 * comes back on the same port is {@link io.mailharness.faultserver.net.PortRelay}.) Endless replies stop
 * when the client hangs up, the server closes, or after the server's read timeout.
 */
public final class ChaosFaults {
    /** The size of the huge reply line. */
    public static final int HUGE_LINE_OCTETS = 10 * 1024 * 1024;
    private static final long DRIP_INTERVAL_MILLIS = 200;

    private ChaosFaults() {
    }

    public static final SmtpCommandFault SMTP_EHLO_ENDLESS_MULTILINE = new SmtpCommandVariant("SMTP_EHLO_ENDLESS_MULTILINE",
            "EHLO is answered with 250- continuation lines that never end (RFC 5321 §4.2.1: a multi-line reply has a last line)",
            "EHLO", original -> ChaosFaults::endlessEhlo);

    public static final SmtpCommandFault SMTP_EHLO_HUGE_LINE = new SmtpCommandVariant("SMTP_EHLO_HUGE_LINE",
            "EHLO is answered with one reply line of 10 MiB, then nothing more (RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets)",
            "EHLO", original -> (session, argument) -> session.reply(SmtpStage.EHLO,
                    new SmtpReply(250, List.of("250-" + "x".repeat(HUGE_LINE_OCTETS)), SmtpReply.After.STALL)));

    public static final SmtpCommandFault SMTP_EHLO_SLOW_DRIP = new SmtpCommandVariant("SMTP_EHLO_SLOW_DRIP",
            "EHLO is answered a few octets every 200 ms, a continuation line at a time, without end (a reply that never completes)",
            "EHLO", original -> ChaosFaults::drippingEhlo);

    public static final SmtpBodyFault SMTP_RST_INSIDE_DATA = new BodyInterruption("SMTP_RST_INSIDE_DATA",
            "the connection is torn down 4096 octets into the message data, the rest unread (the client sees a reset, not a reply)",
            4096, BodyAction.DROP);

    public static final SmtpReplyFault SMTP_GREETING_421 = new SmtpReplyRewrite("SMTP_GREETING_421",
            "the greeting is 421, then the connection closes (RFC 5321 §3.1: service not available)",
            SmtpStage.GREETING, reply -> SmtpReply.of(421, "4.3.2 Service not available, closing transmission channel").thenClose());

    public static final Pop3ReplyFault POP3_RETR_UNTERMINATED = new Pop3ReplyRewrite("POP3_RETR_UNTERMINATED",
            "RETR sends +OK and the message but never the terminating \".\" line, then says nothing more (RFC 1939 §3)",
            Pop3Stage.RETR, (reply, state) -> reply.isOk() && reply.body() != null,
            reply -> new Pop3Reply(reply.status(), withoutTerminator(reply.body()), Pop3Reply.After.STALL));

    private static void endlessEhlo(SmtpSession session, String argument) throws IOException {
        String[] chunk = IntStream.range(0, 500).mapToObj(i -> "250-ENDLESS-" + i + " " + "x".repeat(48)).toArray(String[]::new);
        long until = System.nanoTime() + session.config().readTimeout().toNanos();
        while (System.nanoTime() < until && !Thread.currentThread().isInterrupted()) {
            session.reply(SmtpStage.EHLO, SmtpReply.raw(250, chunk));
        }
        session.drop();
    }

    private static void drippingEhlo(SmtpSession session, String argument) throws IOException {
        long until = System.nanoTime() + session.config().readTimeout().toNanos();
        try {
            for (int i = 0; System.nanoTime() < until; i++) {
                session.reply(SmtpStage.EHLO, SmtpReply.raw(250, "250-" + i));
                Thread.sleep(DRIP_INTERVAL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.drop();
    }

    private static byte[] withoutTerminator(byte[] body) {
        int n = body.length;
        boolean terminated = n >= 3 && body[n - 3] == '.' && body[n - 2] == '\r' && body[n - 1] == '\n';
        return terminated ? Arrays.copyOf(body, n - 3) : body;
    }
}
