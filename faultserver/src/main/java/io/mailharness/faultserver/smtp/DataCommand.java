package io.mailharness.faultserver.smtp;

import java.io.IOException;

/**
 * DATA (RFC 5321 §4.1.1.4): 354, message data to end-of-data, then exactly one reply. Nothing is
 * sent while data arrives; size and bare CR/LF problems are reported after end-of-data.
 */
final class DataCommand implements SmtpCommand {

    private final DataRules rules;

    DataCommand() {
        this(DataRules.STRICT);
    }

    /** @param rules anything but {@link DataRules#STRICT} only in faulty variants */
    DataCommand(DataRules rules) {
        this.rules = rules;
    }

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        SmtpState state = session.state();
        MailTransaction transaction = state.transaction();
        if (!argument.isEmpty()) {
            session.reply(SmtpStage.DATA, SmtpReply.of(501, "5.5.4 DATA takes no parameters"));
            return;
        }
        if (transaction == null) {
            session.reply(SmtpStage.DATA, SmtpReply.of(503, "5.5.1 Need MAIL and RCPT before DATA"));
            return;
        }
        if (transaction.recipients().isEmpty()) {
            session.reply(SmtpStage.DATA, SmtpReply.of(503, "5.5.1 No valid recipients"));
            return;
        }
        if (transaction.chunking()) {
            session.reply(SmtpStage.DATA, SmtpReply.of(503, "5.5.1 DATA not allowed after BDAT"));
            return;
        }
        if (!session.reply(SmtpStage.DATA, SmtpReply.of(354, "Start mail input; end with <CRLF>.<CRLF>"))) {
            return;
        }
        DataReader.Result data = DataReader.read(session.reader(), session.config().sizeLimit(), rules,
                session::bodyReceived);
        state.resetTransaction(); // §4.1.1.4: buffers are cleared whatever the outcome
        switch (data.outcome()) {
            case PEER_CLOSED, DROPPED -> session.drop();
            case STALLED -> session.stall();
            case COMPLETE -> finish(session, transaction, data);
        }
    }

    private static void finish(SmtpSession session, MailTransaction transaction, DataReader.Result data)
            throws IOException {
        if (data.bareLineEnds()) {
            session.reply(SmtpStage.END_OF_DATA, SmtpReply.of(554, "5.6.0 Bare CR or LF in message data"));
        } else if (data.tooBig()) {
            session.reply(SmtpStage.END_OF_DATA, SmtpReply.of(552, "5.3.4 Too much mail data"));
        } else {
            String id = Deliverer.deliver(session, transaction, data.content());
            session.reply(SmtpStage.END_OF_DATA, SmtpReply.of(250, "2.0.0 Message accepted, id " + id));
        }
    }
}
