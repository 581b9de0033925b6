package io.mailharness.client;

import java.util.ArrayList;
import java.util.List;

/** One line of UIDL: message number and unique-id (RFC 1939 §7). */
public record UniqueIdListing(int message, String uniqueId) {
    public UniqueIdListing {
        if (message < 1) throw new IllegalArgumentException("message numbers start at 1: " + message);
    }

    public static List<UniqueIdListing> parseAll(Pop3Reply reply) throws MailProtocolException {
        if (!reply.isOk()) throw new MailProtocolException("UIDL", "server replied " + Transcript.visible(reply.statusLine()), null);
        List<UniqueIdListing> listings = new ArrayList<>();
        for (String line : reply.body()) {
            String[] parts = line.strip().split(" ", 2);
            try {
                listings.add(new UniqueIdListing(Integer.parseInt(parts[0]), parts[1]));
            } catch (RuntimeException e) {
                throw new MailProtocolException("UIDL", "not a unique-id listing: '" + Transcript.visible(line) + "'", e);
            }
        }
        return listings;
    }
}
