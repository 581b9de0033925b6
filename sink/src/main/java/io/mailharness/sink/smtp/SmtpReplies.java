package io.mailharness.sink.smtp;

/** Every reply the SMTP side sends of its own (fault replies come from the settings), with RFC 3463 status codes. */
final class SmtpReplies {
    static final Reply OK = Reply.line("250 2.0.0 Ok");
    static final Reply SENDER_OK = Reply.line("250 2.1.0 Sender ok");
    static final Reply RECIPIENT_OK = Reply.line("250 2.1.5 Recipient ok");
    static final Reply START_DATA = Reply.line("354 End data with <CR><LF>.<CR><LF>");
    static final Reply BYE = Reply.line("221 2.0.0 Bye");
    static final Reply CANNOT_VRFY = Reply.line("252 2.5.2 Cannot VRFY user, but will accept message");
    static final Reply HELP = Reply.line("214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP VRFY HELP QUIT");
    static final Reply UNRECOGNIZED = Reply.line("500 5.5.2 Command unrecognized");
    static final Reply LINE_TOO_LONG = Reply.line("500 5.5.2 Line too long");
    static final Reply BARE_LINE_END = Reply.line("500 5.5.2 Bare CR or LF in a command line");
    static final Reply EHLO_SYNTAX = Reply.line("501 5.5.4 Syntax: EHLO domain");
    static final Reply HELO_SYNTAX = Reply.line("501 5.5.4 Syntax: HELO domain");
    static final Reply MAIL_SYNTAX = Reply.line("501 5.5.4 Syntax: MAIL FROM:<address>");
    static final Reply RCPT_SYNTAX = Reply.line("501 5.5.4 Syntax: RCPT TO:<address>");
    static final Reply NO_ARGUMENT = Reply.line("501 5.5.4 No argument allowed");
    static final Reply BDAT_SYNTAX = Reply.line("501 5.5.4 Syntax: BDAT size [LAST]");
    static final Reply HELLO_FIRST = Reply.line("503 5.5.1 Send EHLO or HELO first");
    static final Reply NESTED_MAIL = Reply.line("503 5.5.1 Sender already given");
    static final Reply MAIL_FIRST = Reply.line("503 5.5.1 Send MAIL first");
    static final Reply DATA_AFTER_BDAT = Reply.line("503 5.5.1 DATA cannot follow BDAT");
    static final Reply NO_RECIPIENTS = Reply.line("554 5.5.1 No valid recipients");
    static final Reply ONLY_QUIT = Reply.line("503 5.5.1 Service refused, only QUIT is allowed");
    static final Reply PARAMETER_UNKNOWN = Reply.line("555 5.5.4 Parameter not recognized");
    static final Reply TOO_MANY_RECIPIENTS = Reply.line("452 4.5.3 Too many recipients");
    static final Reply MESSAGE_TOO_BIG = Reply.line("552 5.3.4 Message size exceeds fixed limit");
    static final Reply STORAGE_FULL = Reply.line("452 4.3.1 Insufficient system storage");

    final Reply greeting;
    final Reply ehlo;
    final Reply helo;
    final Reply idleTimeout;
    final Reply tooManySessions;

    SmtpReplies(String hostname, long maxMessageOctets) {
        greeting = Reply.line("220 " + hostname + " ESMTP Mailharness sink");
        ehlo = Reply.lines(250, hostname, "PIPELINING", "8BITMIME", "SIZE " + maxMessageOctets, "ENHANCEDSTATUSCODES", "CHUNKING");
        helo = Reply.line("250 " + hostname);
        idleTimeout = Reply.line("421 4.4.2 " + hostname + " Idle timeout, closing connection");
        tooManySessions = Reply.line("421 4.3.2 " + hostname + " Too many sessions, try again later");
    }

    /** The reply to an accepted message, naming its queue id. */
    static Reply queued(long id) {
        return Reply.line("250 2.0.0 Ok: queued as " + Long.toHexString(id));
    }

    static Reply chunkReceived(long octets) {
        return Reply.line("250 2.0.0 " + octets + " octets received");
    }
}
