package io.mailharness.faultserver.smtp;

/** Where in the session a reply is sent; reply faults pick their stage from this list. */
public enum SmtpStage {
    GREETING,
    EHLO,
    HELO,
    MAIL,
    RCPT,
    /** The 354 intermediate reply to DATA (and its 503/501 refusals). */
    DATA,
    /** The final reply after {@code CRLF.CRLF}. */
    END_OF_DATA,
    BDAT,
    RSET,
    NOOP,
    VRFY,
    EXPN,
    HELP,
    QUIT,
    STARTTLS,
    AUTH,
    /** Unknown or unimplemented command verbs. */
    UNKNOWN,
    /** Command lines refused before dispatch: too long, bare CR/LF, control characters. */
    SYNTAX
}
