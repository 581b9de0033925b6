package io.mailharness.faultserver.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * BDAT &lt;size&gt; [LAST] (RFC 3030 §2): the chunk octets are always consumed first, even when
 * the command is refused, so they are never read as commands; they are stored byte-exact.
 */
final class BdatCommand implements SmtpCommand {

    private static final int PIECE = 8192;

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        String[] words = argument.split(" ");
        boolean last = words.length == 2 && words[1].toUpperCase(Locale.ROOT).equals("LAST");
        if (!words[0].matches("[0-9]{1,18}") || words.length > 2 || (words.length == 2 && !last)) {
            session.reply(SmtpStage.BDAT, SmtpReply.of(501, "5.5.4 Syntax: BDAT <size> [LAST]"));
            return;
        }
        long size = Long.parseLong(words[0]);
        SmtpState state = session.state();
        MailTransaction transaction = state.transaction();
        boolean inSequence = transaction != null && !transaction.recipients().isEmpty();
        OutputStream sink = OutputStream.nullOutputStream();
        if (inSequence) {
            if (transaction.chunkOctets() + size > session.config().sizeLimit()) {
                transaction.markTooBig();
            }
            if (!transaction.tooBig()) {
                sink = transaction.chunks();
            }
        }
        long alreadyReceived = inSequence ? transaction.chunkOctets() : 0;
        for (long done = 0; done < size; ) {
            long piece = Math.min(PIECE, size - done);
            session.reader().readExactly(piece, sink);
            done += piece;
            BodyAction action = session.bodyReceived(alreadyReceived + done);
            if (action == BodyAction.DROP) {
                session.drop();
                return;
            }
            if (action == BodyAction.STALL) {
                session.stall();
                return;
            }
        }
        if (!inSequence) {
            session.reply(SmtpStage.BDAT, SmtpReply.of(503, "5.5.1 Need MAIL and RCPT before BDAT"));
            return;
        }
        transaction.startChunking();
        transaction.countChunkOctets(size);
        if (!last) {
            session.reply(SmtpStage.BDAT, SmtpReply.of(250, "2.0.0 " + size + " octets received"));
            return;
        }
        state.resetTransaction();
        if (transaction.tooBig()) {
            session.reply(SmtpStage.BDAT, SmtpReply.of(552, "5.3.4 Too much mail data"));
        } else {
            String id = Deliverer.deliver(session, transaction, transaction.chunks().toByteArray());
            session.reply(SmtpStage.BDAT, SmtpReply.of(250, "2.0.0 Message accepted, id " + id));
        }
    }
}
