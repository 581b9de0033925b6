package io.mailharness.faultserver.smtp;

import io.mailharness.protocol.DotStuffing;

import java.util.function.UnaryOperator;

/**
 * Relays that emit what RFC 5321 forbids a client to send (§2.3.8: no bare CR or LF; §4.5.2: every line starting
 * with "." stuffed): the SMTP smuggling of the outbound side, seen by the harness's next hop. Each changes only how
 * mail for the relay domain is written to the next hop and, where a bare line end must get that far, accepts bare
 * CR and LF in a message whose recipients are all in the relay domain (local mail is read as before).
 */
public final class RelayFaults {
    private RelayFaults() {}

    /** A relay fault; with {@code lenient}, DATA for relay-only transactions keeps bare CR and LF instead of refusing them. */
    record RelayVariant(String name, String description, boolean lenient, UnaryOperator<byte[]> writer)
            implements RelayFault, SmtpCommandFault {
        @Override
        public byte[] dataSection(byte[] content) {
            return writer.apply(content);
        }

        @Override
        public String verb() {
            return "DATA";
        }

        @Override
        public SmtpCommand replace(SmtpCommand original) {
            if (!lenient) return original;
            SmtpCommand keepsBareLineEnds = new DataCommand(new DataRules(true, false, false));
            return (session, argument) -> {
                MailTransaction transaction = session.state().transaction();
                boolean relayed = transaction != null && Relay.onlyRelayed(session, transaction);
                (relayed ? keepsBareLineEnds : original).execute(session, argument);
            };
        }
    }

    /** Bare CR and LF pass through to the next hop raw; only lines after CRLF are stuffed. */
    public static final SmtpCommandFault SMTP_RELAY_FORWARDS_BARE_LINE_ENDS = new RelayVariant(
            "SMTP_RELAY_FORWARDS_BARE_LINE_ENDS",
            "the relay sends bare CR and LF on to the next hop as they came (RFC 5321 §2.3.8: a client MUST NOT send them)",
            true, DotStuffing::dataSection);

    /**
     * Bare CR and LF become CRLF after the stuffing was done, so an {@code <LF>.<LF>} look-alike reaches the next hop
     * as a real, unstuffed end of data and what followed it as commands: outbound SMTP smuggling.
     */
    public static final SmtpCommandFault SMTP_RELAY_LOOK_ALIKES_BECOME_END_OF_DATA = new RelayVariant(
            "SMTP_RELAY_LOOK_ALIKES_BECOME_END_OF_DATA",
            "the relay makes bare CR and LF CRLF after dot-stuffing, so <LF>.<LF> ends the data at the next hop "
                    + "(outbound SMTP smuggling; RFC 5321 §2.3.8, §4.5.2)",
            true, content -> DotStuffing.terminatedUnstuffed(Relay.crlfLineEnds(DotStuffing.stuff(content))));

    /** Lines starting with "." go to the next hop unstuffed: a "." line ends the data early there. */
    public static final SmtpCommandFault SMTP_RELAY_NO_DOT_STUFFING = new RelayVariant(
            "SMTP_RELAY_NO_DOT_STUFFING",
            "the relay does not stuff lines starting with '.' for the next hop (RFC 5321 §4.5.2)",
            false, content -> DotStuffing.terminatedUnstuffed(Relay.crlfLineEnds(content)));

    /**
     * Not a fault of SMTP-SMUG-OUT: a relay that takes bare CR and LF in (RFC 5321 §2.3.8 leaves that to the server)
     * and sends every one of them on as CRLF, stuffing the lines that makes. The look-alikes reach the next hop as
     * ordinary, stuffed lines, so the row passes against it.
     */
    public static final SmtpCommandFault SMTP_RELAY_SENDS_BARE_LINE_ENDS_AS_CRLF = new RelayVariant(
            "SMTP_RELAY_SENDS_BARE_LINE_ENDS_AS_CRLF",
            "bare CR and LF taken in mail for the relay domain and sent on as CRLF, stuffed (allowed by RFC 5321 §2.3.8)",
            true, Relay::dataSection);
}
