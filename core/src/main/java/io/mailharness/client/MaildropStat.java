package io.mailharness.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The drop listing from STAT: {@code +OK nn mm} (RFC 1939 §5). */
public record MaildropStat(int messageCount, long sizeOctets) {
    // Up to 9 and 18 digits: what fits an int and a long; a longer number is no drop listing this client can use.
    private static final Pattern DROP_LISTING = Pattern.compile("^\\+OK (\\d{1,9}) (\\d{1,18})(?: .*)?$");

    /** Parses a STAT reply strictly: single spaces, decimal numbers. */
    public static MaildropStat parse(Pop3Reply reply) throws MailProtocolException {
        Matcher m = DROP_LISTING.matcher(reply.statusLine().stripTrailing());
        if (!m.matches()) throw new MailProtocolException("STAT", "not a drop listing: '" + Transcript.visible(reply.statusLine()) + "'", null);
        return new MaildropStat(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    }

    public static boolean isWellFormed(String statusLine) {
        return DROP_LISTING.matcher(statusLine.stripTrailing()).matches();
    }
}
