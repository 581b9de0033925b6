package io.mailharness.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One line of UIDL: message number and unique-id (RFC 1939 §7). */
public record UniqueIdListing(int message, String uniqueId) {
    public UniqueIdListing {
        if (message < 1) throw new IllegalArgumentException("message numbers start at 1: " + message);
    }

    public static List<UniqueIdListing> parseAll(Pop3Reply reply) throws MailProtocolException {
        if (!reply.isOk()) throw new MailProtocolException("UIDL", "server replied " + Transcript.visible(reply.statusLine()), null);
        List<UniqueIdListing> listings = new ArrayList<>();
        Map<Integer, String> uniqueIdOf = new HashMap<>();
        Map<String, Integer> messageOf = new HashMap<>();
        for (String line : reply.body()) {
            String[] parts = line.strip().split(" ", 2);
            UniqueIdListing listing;
            try {
                listing = new UniqueIdListing(Integer.parseInt(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw new MailProtocolException("UIDL", "not a unique-id listing: '" + Transcript.visible(line) + "'", e);
            }
            // RFC 1939 §7: a unique-id names one message, and each message is listed once; a listing that repeats
            // either cannot say which message is which, so nothing in it may be skipped or deleted by its unique-id.
            if (uniqueIdOf.putIfAbsent(listing.message(), listing.uniqueId()) != null) {
                throw new MailProtocolException("UIDL", "message " + listing.message() + " is listed twice", null);
            }
            Integer other = messageOf.putIfAbsent(listing.uniqueId(), listing.message());
            if (other != null) {
                throw new MailProtocolException("UIDL", "unique-id '" + Transcript.visible(listing.uniqueId()) + "' is listed for messages "
                        + other + " and " + listing.message(), null);
            }
            listings.add(listing);
        }
        return listings;
    }
}
