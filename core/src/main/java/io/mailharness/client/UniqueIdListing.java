package io.mailharness.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One line of UIDL: message number and unique-id (RFC 1939 §7). */
public record UniqueIdListing(int message, String uniqueId) {
    public UniqueIdListing {
        if (message < 1) throw new IllegalArgumentException("message numbers start at 1: " + message);
    }

    public static List<UniqueIdListing> parseAll(Pop3Reply reply) throws MailProtocolException {
        if (!reply.isOk()) throw new MailProtocolException("UIDL", "server replied " + Transcript.visible(reply.statusLine()), null);
        List<UniqueIdListing> listings = new ArrayList<>();
        Map<Integer, String> uniqueIdOf = new HashMap<>();
        for (String line : reply.body()) {
            String[] parts = line.strip().split(" ", 2);
            UniqueIdListing listing;
            try {
                listing = new UniqueIdListing(Integer.parseInt(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw new MailProtocolException("UIDL", "not a unique-id listing: '" + Transcript.visible(line) + "'", e);
            }
            // A message listed twice leaves no way to say which unique-id is its own. (Two messages under one unique-id
            // may be two identical copies, which RFC 1939 §7 lets a server name alike: see sharedUniqueIds.)
            if (uniqueIdOf.putIfAbsent(listing.message(), listing.uniqueId()) != null) {
                throw new MailProtocolException("UIDL", "message " + listing.message() + " is listed twice", null);
            }
            listings.add(listing);
        }
        return listings;
    }

    /**
     * The unique-ids given to more than one message: identical copies may share one (RFC 1939 §7, unique-ids made from
     * a hash of the message), so such messages can be told apart only by reading them.
     */
    public static Set<String> sharedUniqueIds(List<UniqueIdListing> listing) {
        Set<String> seen = new HashSet<>();
        Set<String> shared = new HashSet<>();
        for (UniqueIdListing entry : listing) {
            if (entry.uniqueId() != null && !seen.add(entry.uniqueId())) shared.add(entry.uniqueId());
        }
        return shared;
    }
}
