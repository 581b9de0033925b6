package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.net.Line;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A DATA command that reads the message itself and differs from the conforming one ({@link DataCommand}) only in
 * the deviation it is given, so a fault built on it breaks one rule: the transaction is cleared whatever the
 * outcome, bare CR/LF is refused and an over-size message gets 552 at the end of data, and the message is delivered
 * with the same trace fields.
 */
public final class MessageDataVariant {
    private MessageDataVariant() {}

    /**
     * @param clean         changes each received line before anything looks at it (e.g. drops NUL octets)
     * @param bareEnds      a bare CR or LF also ends a line, and what follows the end of data on that line is read
     *                      as commands
     * @param early         may answer a line at once, mid-data (the session then reads commands again)
     * @param atEnd         may refuse the message at the end of data (null: deliver it and answer 250)
     * @param deliverCutOff deliver what arrived when the client closes before the end of data
     */
    public static SmtpCommand command(SmtpCommand original, UnaryOperator<byte[]> clean, boolean bareEnds,
                                      Function<byte[], SmtpReply> early, Function<byte[], SmtpReply> atEnd,
                                      boolean deliverCutOff) {
        return (session, argument) -> {
            MailTransaction transaction = begin(session, original, argument);
            if (transaction == null) return;
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            boolean bare = false;
            while (true) {
                Line received = session.readLine(1 << 24);
                if (received == null || !received.terminated()) {
                    session.state().resetTransaction();
                    if (deliverCutOff) Deliverer.deliver(session, transaction, content.toByteArray());
                    session.drop();
                    return;
                }
                byte[] octets = clean.apply(received.content());
                SmtpReply now = early.apply(octets);
                if (now != null) {
                    session.state().resetTransaction();
                    session.reply(SmtpStage.END_OF_DATA, now);
                    return;
                }
                bare |= !bareEnds && hasBareLineEnd(octets);
                int start = 0;
                for (int i = 0; i <= octets.length; i++) {
                    boolean end = i == octets.length || (bareEnds && (octets[i] == '\r' || octets[i] == '\n'));
                    if (!end) continue;
                    if (i - start == 1 && octets[start] == '.') {
                        if (i < octets.length) {
                            byte[] rest = new byte[octets.length - i - 1 + 2];
                            System.arraycopy(octets, i + 1, rest, 0, octets.length - i - 1);
                            rest[rest.length - 2] = '\r';
                            rest[rest.length - 1] = '\n';
                            session.reader().unread(rest);
                        }
                        finish(session, transaction, content.toByteArray(), bare, atEnd);
                        return;
                    }
                    int from = i > start && octets[start] == '.' ? start + 1 : start;
                    content.write(octets, from, i - from);
                    content.write('\r');
                    content.write('\n');
                    start = i + 1;
                }
            }
        };
    }

    /**
     * The start of a faulty DATA: where the conforming command refuses (a parameter, no transaction, no recipient,
     * BDAT begun) it runs; otherwise 354. Returns the transaction whose data follows, or null when DATA is answered.
     */
    static MailTransaction begin(SmtpSession session, SmtpCommand original, String argument) throws IOException {
        MailTransaction transaction = session.state().transaction();
        if (!argument.isEmpty() || transaction == null || transaction.recipients().isEmpty() || transaction.chunking()) {
            original.execute(session, argument);
            return null;
        }
        return session.reply(SmtpStage.DATA, SmtpReply.of(354, "Start mail input; end with <CRLF>.<CRLF>")) ? transaction : null;
    }

    /** The end of data as the conforming DATA has it: bare CR/LF 554, over the size limit 552, else delivered (250). */
    static void finish(SmtpSession session, MailTransaction transaction, byte[] content, boolean bare,
                       Function<byte[], SmtpReply> atEnd) throws IOException {
        session.state().resetTransaction(); // RFC 5321 §4.1.1.4: cleared whatever the outcome
        if (bare) {
            session.reply(SmtpStage.END_OF_DATA, SmtpReply.of(554, "5.6.0 Bare CR or LF in message data"));
            return;
        }
        if (content.length > session.config().sizeLimit()) {
            session.reply(SmtpStage.END_OF_DATA, SmtpReply.of(552, "5.3.4 Too much mail data"));
            return;
        }
        SmtpReply refusal = atEnd.apply(content);
        if (refusal != null) {
            session.reply(SmtpStage.END_OF_DATA, refusal);
            return;
        }
        String id = Deliverer.deliver(session, transaction, content);
        session.reply(SmtpStage.END_OF_DATA, SmtpReply.of(250, "2.0.0 Message accepted, id " + id));
    }

    private static boolean hasBareLineEnd(byte[] octets) {
        for (byte b : octets) if (b == '\r' || b == '\n') return true;
        return false;
    }
}
