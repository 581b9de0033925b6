package io.mailharness.sink;

/**
 * The sink's counters at one moment.
 *
 * @param smtpSessionsOpen   SMTP connections open now
 * @param smtpSessionsPeak   the most SMTP connections open at once since the start
 * @param smtpSessions       SMTP connections accepted since the start
 * @param pop3SessionsOpen   POP3 connections open now
 * @param sessionsRefused    connections closed with 421 because the sessions limit was reached
 * @param messagesAccepted   messages answered 250 at end-of-data (or at the last BDAT chunk)
 * @param messagesRefused    messages refused after their data was read (fault reply, over the size limit, storage full)
 * @param recipientsAccepted recipients of the accepted messages
 * @param messageOctets      octets of the accepted messages, as received
 * @param octetsReceived     every octet SMTP clients sent, commands included
 * @param messagesKept       messages held for POP3 now
 * @param messagesRetrieved  RETRs answered by the POP3 side
 */
public record CounterSnapshot(int smtpSessionsOpen, int smtpSessionsPeak, long smtpSessions, int pop3SessionsOpen,
                              long sessionsRefused, long messagesAccepted, long messagesRefused, long recipientsAccepted,
                              long messageOctets, long octetsReceived, long messagesKept, long messagesRetrieved) {

    /** One line for a console, e.g. {@code smtp sessions 120 open (peak 500, 9000 in all), messages 8800 accepted …}. */
    public String summaryLine() {
        return "smtp sessions " + smtpSessionsOpen + " open (peak " + smtpSessionsPeak + ", " + smtpSessions + " in all"
                + (sessionsRefused > 0 ? ", " + sessionsRefused + " refused" : "") + "), messages " + messagesAccepted + " accepted ("
                + messageOctets + " octets, " + recipientsAccepted + " recipients), " + messagesRefused + " refused, "
                + octetsReceived + " octets received"
                + (messagesKept > 0 || messagesRetrieved > 0 || pop3SessionsOpen > 0
                    ? ", " + messagesKept + " kept, " + messagesRetrieved + " retrieved, pop3 sessions " + pop3SessionsOpen + " open" : "");
    }
}
