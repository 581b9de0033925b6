package io.mailharness.faultserver.pop3;

/** Where in the session a POP3 response is sent; reply faults pick their stage from this list. */
public enum Pop3Stage {
    GREETING,
    USER,
    PASS,
    APOP,
    AUTH,
    CAPA,
    STLS,
    UTF8,
    STAT,
    LIST,
    UIDL,
    RETR,
    TOP,
    DELE,
    RSET,
    NOOP,
    QUIT,
    /** Unknown verbs and command lines refused before dispatch. */
    UNKNOWN
}
