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

    /** A drop listing read leniently (any white space): for rows that need STAT's numbers, not its exact shape. */
    private static final Pattern LENIENT_DROP_LISTING = Pattern.compile("\\+OK\\s+([0-9]+)\\s+([0-9]+)(?:\\s.*)?");

    /**
     * STAT's message count and size, read leniently. A STAT answer without them fails this step; the exact shape is
     * POP-STAT-FMT's rule, so a check that only needs the numbers reports itself blocked (see CheckContext).
     */
    public static long[] dropListingNumbers(Pop3Response stat) {
        java.util.regex.Matcher m = LENIENT_DROP_LISTING.matcher(stat.statusText());
        if (!stat.isOk() || !m.matches()) throw new CheckFailure(stat.step(), "'+OK nn mm' (a drop listing)", stat.describe());
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

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
