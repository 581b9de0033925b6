package io.mailharness.gatling.netty;

import io.mailharness.client.SmtpReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One read from the socket may reach the SMTP handler in pieces (TLS hands on each record as it decodes it): a reply
 * in a later piece of the same read came before any command sent while the earlier pieces were handled.
 */
class RepliesInPiecesTest {

    /** Hands each line of one read on as a piece of its own, as TLS does with one record per line. */
    private static final class OnePiecePerLine extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                for (String line : in.toString(StandardCharsets.US_ASCII).split("(?<=\r\n)")) {
                    ctx.fireChannelRead(Unpooled.copiedBuffer(line, StandardCharsets.US_ASCII));
                }
            } finally {
                in.release();
            }
        }
    }

    /** Records what it got; on its reply, awaits {@code next} as a command sent at that moment would. */
    private static final class Recorded implements SmtpReplyHandler.Awaiting {
        final List<String> got = new ArrayList<>();
        private final SmtpReplyHandler handler;
        private final Recorded next;

        Recorded(SmtpReplyHandler handler, Recorded next) {
            this.handler = handler;
            this.next = next;
        }

        @Override
        public void reply(SmtpReply reply, long endNanos) {
            got.add(reply.firstLine());
            if (next != null) handler.await(next);
        }

        @Override
        public void failed(ConnectionFailure failure) {
            got.add("failed: " + failure.problem());
        }
    }

    /** MAIL awaited, RCPT awaited as MAIL's reply comes, then each of {@code reads} as one read from the socket: what RCPT got. */
    private static List<String> rcptAfter(String... reads) {
        SmtpReplyHandler handler = new SmtpReplyHandler(ReplyLimits.defaults(), Duration.ofSeconds(5));
        EmbeddedChannel channel = new EmbeddedChannel(new OnePiecePerLine(), handler);
        Recorded rcpt = new Recorded(handler, null);
        handler.await(new Recorded(handler, rcpt));
        for (String read : reads) channel.writeInbound(Unpooled.copiedBuffer(read, StandardCharsets.US_ASCII));
        channel.finishAndReleaseAll();
        return rcpt.got;
    }

    @Test
    void aSecondReplyInALaterPieceOfTheSameReadDoesNotAnswerTheCommandSentMeanwhile() {
        assertEquals(List.of("failed: a reply no command asked for: '250 sender ok again' (it came before the command was sent)"),
                rcptAfter("250 sender ok\r\n250 sender ok again\r\n"));
    }

    @Test
    void aReplyInTheNextReadAnswersTheCommandSentBeforeIt() {
        assertEquals(List.of("250 recipient ok"), rcptAfter("250 sender ok\r\n", "250 recipient ok\r\n"));
    }
}
