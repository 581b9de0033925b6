package io.mailharness.conformance.wire;

import java.util.regex.Pattern;

/** The shapes RFC 1939 gives POP3 responses: status indicators, drop listings, scan and unique-id listings. */
public final class Pop3Format {
    /** §5 STAT: "+OK" SP message-count SP size (more text may follow). */
    public static final Pattern DROP_LISTING = Pattern.compile("\\+OK ([0-9]+) ([0-9]+)(?: .*)?");
    /** §5 LIST: message-number SP size (the RFC puts no requirement on what follows). */
    public static final Pattern SCAN_LISTING = Pattern.compile("([0-9]+) ([0-9]+)(?: .*)?");
    /** §7 UIDL: message-number SP unique-id of 1 to 70 characters in 0x21-0x7E. */
    public static final Pattern UID_LISTING = Pattern.compile("([0-9]+) ([\\x21-\\x7E]{1,70})");
    /** §7 UIDL n: "+OK" SP message-number SP unique-id. */
    public static final Pattern DROP_LISTING_UID = Pattern.compile("\\+OK ([0-9]+) ([\\x21-\\x7E]{1,70})");

    /** §3 and RFC 2449 §4: a response line is at most 512 octets including its CRLF. */
    public static final int MAX_STATUS_LINE = 512;

    private Pop3Format() {}

    /** §3: status indicators in upper case, followed by SP or the line end; the line ends with CRLF. */
    public static void judgeStatusLine(Pop3Response response) {
        WireLine status = response.status();
        String text = status.text();
        boolean indicator = text.equals("+OK") || text.startsWith("+OK ") || text.equals("-ERR") || text.startsWith("-ERR ");
        if (!response.isComplete() || !indicator) {
            throw new CheckFailure(response.step(), "'+OK' or '-ERR' (upper case), then SP or CRLF", response.describe());
        }
        if (status.ending() != WireLine.Ending.CRLF) {
            throw new CheckFailure(response.step(), "a status line ended by CRLF", status.visible());
        }
    }

    public static int number(java.util.regex.Matcher m, int group) {
        try {
            return Integer.parseInt(m.group(group));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
