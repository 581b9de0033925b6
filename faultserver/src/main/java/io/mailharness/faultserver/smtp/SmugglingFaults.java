package io.mailharness.faultserver.smtp;

import io.mailharness.protocol.OctetLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * DATA variants that read message data as lines ended by LF (with or without CR), as some servers do, for the
 * SMTP smuggling rows (RFC 5321 §4.1.1.4, §2.3.8: only CRLF "." CRLF ends the data).
 */
public final class SmugglingFaults {
    private SmugglingFaults() {}

    /**
     * OpenSMTPD 6.8: "." on a line of its own ends the data even between bare LFs; input the client sent behind
     * that end before the reply is refused ("500 5.5.1 Invalid command: Pipelining not supported") and the
     * connection closed. A client that waits before the smuggled commands gets them executed.
     */
    public static final SmtpCommandFault SMTP_LF_DOT_LF_ENDS_DATA_REFUSES_PIPELINING = new SmtpCommandVariant(
            "SMTP_LF_DOT_LF_ENDS_DATA_REFUSES_PIPELINING",
            "LF.LF, LF.CRLF and CRLF.LF end the message data, and pipelined input after it is refused with 500 "
                    + "(OpenSMTPD 6.8; SMTP smuggling, RFC 5321 §4.1.1.4, §2.3.8)",
            "DATA", original -> lfFramedData(original, Framing.ANY_LINE_END, true));

    /** The same framing without the guard: what follows the early end of data is read as commands. */
    public static final SmtpCommandFault SMTP_LF_DOT_LF_ENDS_DATA = new SmtpCommandVariant(
            "SMTP_LF_DOT_LF_ENDS_DATA",
            "LF.LF, LF.CRLF and CRLF.LF end the message data, and what follows is read as commands "
                    + "(SMTP smuggling, RFC 5321 §4.1.1.4, §2.3.8)",
            "DATA", original -> lfFramedData(original, Framing.ANY_LINE_END, false));

    /**
     * Not a fault of the smuggling rows: a server that reads LF-ended lines but ends the data only at CRLF "."
     * CRLF, storing every line with CRLF. End-of-data look-alikes stay inside the message (a bare LF became CRLF,
     * which RFC 5321 §2.3.8 leaves to the server), so the smuggling rows pass against it.
     */
    public static final SmtpCommandFault SMTP_BARE_LF_MADE_CRLF_KEEPS_LOOK_ALIKES = new SmtpCommandVariant(
            "SMTP_BARE_LF_MADE_CRLF_KEEPS_LOOK_ALIKES",
            "bare LF in message data stored as CRLF; only CRLF.CRLF ends the data (allowed by RFC 5321 §2.3.8)",
            "DATA", original -> lfFramedData(original, Framing.CRLF_ONLY, false));

    private enum Framing {
        /** "." alone on a line ends the data, whatever ended that line and the one before. */
        ANY_LINE_END,
        /** Only CRLF "." CRLF ends the data. */
        CRLF_ONLY
    }

    private static SmtpCommand lfFramedData(SmtpCommand original, Framing framing, boolean refusePipelining) {
        return (session, argument) -> {
            MailTransaction transaction = MessageDataVariant.begin(session, original, argument);
            if (transaction == null) return;
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            boolean afterCrlf = true;
            boolean bareCr = false;
            while (true) {
                OctetLine line = session.reader().readLineEndingAtLf(1 << 24);
                if (!line.terminated()) {
                    session.state().resetTransaction();
                    session.drop();
                    return;
                }
                byte[] octets = line.content();
                boolean dot = octets.length == 1 && octets[0] == '.';
                boolean crlf = line.ending() == OctetLine.Ending.CRLF;
                if (dot && (framing == Framing.ANY_LINE_END || (crlf && afterCrlf))) {
                    end(session, transaction, content.toByteArray(), bareCr, refusePipelining);
                    return;
                }
                bareCr |= line.bareCr(); // only the LF framing differs from the conforming DATA
                int from = octets.length > 0 && octets[0] == '.' ? 1 : 0;
                content.write(octets, from, octets.length - from);
                content.write('\r');
                content.write('\n');
                afterCrlf = crlf;
            }
        };
    }

    private static void end(SmtpSession session, MailTransaction transaction, byte[] content, boolean bareCr,
                            boolean refusePipelining) throws IOException {
        if (refusePipelining && session.reader().buffered() > 0) {
            session.state().resetTransaction();
            session.reply(SmtpStage.END_OF_DATA, SmtpReply.of(500, "5.5.1 Invalid command: Pipelining not supported"));
            session.drop();
            return;
        }
        MessageDataVariant.finish(session, transaction, content, bareCr, c -> null);
    }
}
