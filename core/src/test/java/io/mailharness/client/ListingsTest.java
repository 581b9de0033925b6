package io.mailharness.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** LIST and UIDL listings (RFC 1939 §5, §7) that cannot say which message is which are refused. */
class ListingsTest {
    @Test
    void aUniqueIdListingIsReadInOrder() throws MailProtocolException {
        assertEquals(List.of(new UniqueIdListing(1, "u1"), new UniqueIdListing(2, "u2")),
                UniqueIdListing.parseAll(new Pop3Reply("+OK", List.of("1 u1", "2 u2"))));
    }

    @Test
    void aUniqueIdGivenToTwoMessagesIsReadAndNamedAsShared() throws MailProtocolException {
        // RFC 1939 §7: identical copies may share a unique-id made from a hash of the message
        List<UniqueIdListing> listing = UniqueIdListing.parseAll(new Pop3Reply("+OK", List.of("1 same", "2 same", "3 other")));
        assertEquals(3, listing.size());
        assertEquals(java.util.Set.of("same"), UniqueIdListing.sharedUniqueIds(listing));
    }

    @Test
    void aMessageListedTwiceIsRefusedInEitherListing() {
        assertEquals("UIDL: message 1 is listed twice", assertThrows(MailProtocolException.class,
                () -> UniqueIdListing.parseAll(new Pop3Reply("+OK", List.of("1 u1", "1 u2")))).getMessage());
        assertEquals("LIST: message 1 is listed twice", assertThrows(MailProtocolException.class,
                () -> ScanListing.parseAll(new Pop3Reply("+OK", List.of("1 120", "1 130")))).getMessage());
    }
}
