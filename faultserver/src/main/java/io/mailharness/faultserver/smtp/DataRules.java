package io.mailharness.faultserver.smtp;

/**
 * How message data is framed and cleaned. {@link #STRICT} is RFC 5321; every other combination
 * exists only for faulty DATA variants.
 *
 * @param dotUnstuffing          remove the leading "." of stuffed lines (§4.5.2)
 * @param rejectBareLineEnds     refuse data holding a bare CR or LF (else store it raw)
 * @param bareLfEndsData         also accept LF.LF, LF.CRLF and CRLF.LF as end-of-data (SMTP smuggling)
 */
public record DataRules(boolean dotUnstuffing, boolean rejectBareLineEnds, boolean bareLfEndsData) {

    public static final DataRules STRICT = new DataRules(true, true, false);
}
