package io.mailharness.client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/** One line of LIST: message number and exact size in octets (RFC 1939 §5). */
public record ScanListing(int message, long sizeOctets) {
    public ScanListing {
        if (message < 1) throw new IllegalArgumentException("message numbers start at 1: " + message);
        if (sizeOctets < 0) throw new IllegalArgumentException("a size is not negative: " + sizeOctets);
    }

    public static List<ScanListing> parseAll(Pop3Reply reply) throws MailProtocolException {
        if (!reply.isOk()) throw new MailProtocolException("LIST", "server replied " + Transcript.visible(reply.statusLine()), null);
        List<ScanListing> listings = new ArrayList<>();
        Set<Integer> listed = new HashSet<>();
        for (String line : reply.body()) {
            String[] parts = line.strip().split(" ");
            ScanListing listing;
            try {
                listing = new ScanListing(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                throw new MailProtocolException("LIST", "not a scan listing: '" + Transcript.visible(line) + "'", e);
            }
            if (!listed.add(listing.message())) throw new MailProtocolException("LIST", "message " + listing.message() + " is listed twice", null);
            listings.add(listing);
        }
        return listings;
    }
}
