package io.mailharness.gatling.action;

import io.mailharness.client.MailProtocolException;
import io.mailharness.client.Pop3Reply;
import io.mailharness.client.ScanListing;
import io.mailharness.client.UniqueIdListing;
import io.mailharness.gatling.MailRun;
import io.mailharness.gatling.action.MailAction.Exchange;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.check.Pop3Stage;
import io.mailharness.gatling.client.Pop3Connection;
import io.mailharness.gatling.ledger.DeliveryLedger;
import io.mailharness.gatling.ledger.ProcessedMessages;
import io.mailharness.gatling.protocol.MailComponents;
import io.mailharness.message.MessageComparison;
import io.mailharness.message.MessageStamp;
import io.mailharness.record.DeliveryClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a POP3 reader makes of the server's responses, whichever engine carried them: the session values STAT, LIST
 * and UIDL save, the messages a pass retrieves (those not processed before, by unique-id), and the receiving half of
 * the delivery ledger — every retrieved harness message checked against its digest and reported, a damaged one
 * compared with the message as sent, its first sighting logged as a "delivery latency" request, a listed message
 * whose retrieval failed told as not retrievable.
 */
final class Pop3Reading {
    /** At most this many messages are retrieved in one pass, so a full maildrop cannot hold a user for ever. */
    static final int MAX_MESSAGES_PER_PASS = 500;

    private final StageRequests<Pop3Stage> requests;
    private final MailComponents components;
    private final MailRun run;

    Pop3Reading(String prefix, MailComponents components) {
        this.requests = new StageRequests<>(prefix, Pop3Stage.class, Pop3Stage::label);
        this.components = components;
        this.run = components.run();
    }

    /** The request a stage is logged as: {@code "<prefix> <command>"}. */
    String request(Pop3Stage stage) {
        return requests.of(stage);
    }

    /** Whether OK stages are logged as Gatling requests (KOs always are). */
    boolean report() {
        return components.protocol().stageRequests();
    }

    /** The user's open POP3 session, or null (one found closed is let go, its maildrop released). */
    Pop3Connection connection(Exchange x) {
        Pop3Connection c = run.connections().pop3(x.session().userId());
        if (c != null && !c.isOpen()) {
            run.connections().closePop3(x.session().userId());
            return null;
        }
        return c;
    }

    /** STAT's +OK: saves the message count under {@code saveAs} and the maildrop size; the count, or -1 when the reply is not one. */
    int stat(Exchange x, Pop3Reply reply, String saveAs) {
        if (!reply.isOk()) return -1;
        String[] parts = reply.statusLine().split(" ");
        try {
            int count = Integer.parseInt(parts[1]);
            long size = Long.parseLong(parts[2]);
            x.update(s -> s.set(saveAs, count).set(Pop3Keys.SIZE, size));
            return count;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** LIST's +OK: saves the message sizes as a list of longs; a listing that does not parse is a KO of its own. */
    void list(Exchange x, Pop3Reply reply, String saveAs) {
        if (!reply.isOk()) return;
        try {
            List<Long> sizes = ScanListing.parseAll(reply).stream().map(ScanListing::sizeOctets).toList();
            x.update(s -> s.set(saveAs, sizes));
        } catch (MailProtocolException e) {
            x.log(request(Pop3Stage.LIST) + " listing", 0, 0, 0, Outcome.of(e));
        }
    }

    /**
     * UIDL's +OK: remembers the listing on the connection, tells the ledger which unique-ids the maildrop lists that
     * were not processed yet, and saves the unique-ids; null when the server refused UIDL or its listing does not parse.
     */
    List<UniqueIdListing> uidl(Exchange x, Pop3Connection c, Pop3Reply reply, String saveAs) {
        if (!reply.isOk()) return null;
        try {
            List<UniqueIdListing> listing = UniqueIdListing.parseAll(reply);
            c.listing(listing);
            String maildrop = c.account().address();
            java.util.Set<String> shared = UniqueIdListing.sharedUniqueIds(listing); // read by number: no unique-id tells them apart
            run.ledger().listed(maildrop, listing.stream().map(UniqueIdListing::uniqueId)
                    .filter(uid -> !shared.contains(uid) && !run.processed().skips(maildrop, uid)).toList());
            x.update(s -> s.set(saveAs, listing.stream().map(UniqueIdListing::uniqueId).toList()));
            return listing;
        } catch (MailProtocolException e) { // a KO of its own, then the pass goes on with LIST's numbers
            x.log(request(Pop3Stage.UIDL) + " listing", 0, 0, 0, Outcome.of(e));
            return null;
        }
    }

    /** LIST's message numbers as a listing without unique-ids (a server without UIDL): nothing can be skipped. */
    static List<UniqueIdListing> withoutUids(Pop3Reply list) {
        if (!list.isOk()) return List.of();
        try {
            List<UniqueIdListing> out = new ArrayList<>();
            for (ScanListing s : ScanListing.parseAll(list)) out.add(new UniqueIdListing(s.message(), null));
            return out;
        } catch (MailProtocolException e) {
            return List.of();
        }
    }

    /** The unique-id of a message number from the session's last UIDL, or null. */
    static String uidOf(Pop3Connection c, int message) {
        return c.listing().stream().filter(l -> l.message() == message).map(UniqueIdListing::uniqueId).findFirst().orElse(null);
    }

    /**
     * The listed messages a pass retrieves: those not processed before (by unique-id), or deleted since, and those
     * sharing a unique-id (read by number, as a listing without unique-ids is), at most
     * {@link #MAX_MESSAGES_PER_PASS}. Those processed before are marked for deletion when the protocol deletes after
     * retrieval only if this session read them whole; one processed in an earlier session is left alone, not deleted
     * unread, since its unique-id may now name another message (a server that reuses them).
     */
    List<UniqueIdListing> newMessages(Pop3Connection c, List<UniqueIdListing> listing) {
        String maildrop = c.account().address();
        java.util.Set<String> shared = UniqueIdListing.sharedUniqueIds(listing);
        List<UniqueIdListing> fresh = new ArrayList<>();
        for (UniqueIdListing entry : listing) {
            if (fresh.size() >= MAX_MESSAGES_PER_PASS) break;
            if (shared.contains(entry.uniqueId())) { // identical copies under one unique-id: read each by its number
                fresh.add(new UniqueIdListing(entry.message(), null));
                continue;
            }
            if (entry.uniqueId() != null && run.processed().skips(maildrop, entry.uniqueId())) {
                if (components.protocol().deleteAfterRetrieval() && c.wasReadWhole(entry.message())) c.toDelete().add(entry.message());
                continue;
            }
            fresh.add(entry);
        }
        return fresh;
    }

    /**
     * After a pass tried a message: one retrieved whole is marked for deletion when the protocol deletes harness
     * messages (or everything in a disposable maildrop); one whose retrieval failed stays, as it was never read.
     */
    void passed(Pop3Connection c, int message, Retrieval retrieval) {
        if (retrieval == Retrieval.FAILED) return;
        if (components.protocol().deleteAfterRetrieval() && (retrieval == Retrieval.HARNESS || c.account().disposable())) c.toDelete().add(message);
    }

    /**
     * A message was retrieved whole; true when it is a harness message. {@code stamp} is what its stamp says and
     * whether the digest matches; {@code content} gives the octets as retrieved, asked for only when it does not.
     * A message whose unique-id (when known) was processed before is not reported to the ledger again: seeing it
     * twice is not a duplicate delivery.
     */
    boolean retrieved(Exchange x, String maildrop, String uid, Optional<MessageStamp.Inspection> stamp, Supplier<byte[]> content) {
        DeliveryLedger ledger = run.ledger();
        ledger.retrievalSucceeded(maildrop, uid);
        long seenAt = System.currentTimeMillis();
        boolean firstTime = uid == null || firstSighting(x, maildrop, uid, stamp.map(MessageStamp.Inspection::id).orElse(null));
        if (stamp.isEmpty()) return false;
        if (!firstTime) return true;
        MessageStamp.Inspection i = stamp.get();
        long[] acceptedAt = new long[1];
        DeliveryLedger.Sighting sighting = ledger.retrieved(i.id(), i.recipients(), maildrop, classify(i, maildrop, content), seenAt, acceptedAt);
        if (sighting == DeliveryLedger.Sighting.FIRST && acceptedAt[0] >= 0) x.deliveryLatency(acceptedAt[0], seenAt);
        return true;
    }

    /**
     * Whether the ledger hears of this retrieval. A deleted message listed again under its unique-id is a KO of its own
     * (QUIT's +OK said it was removed, RFC 1939 §6); another message under a deleted one's unique-id is not: §7 forbids
     * reuse only while the message that had it exists.
     */
    private boolean firstSighting(Exchange x, String maildrop, String uid, String harnessId) {
        ProcessedMessages.Sighting sighting = run.processed().retrieved(maildrop, uid, harnessId);
        if (sighting.relisted() == ProcessedMessages.Relisted.SAME_MESSAGE) {
            x.log(request(Pop3Stage.UIDL) + " unique-ids", 0, 0, 0, Outcome.ko("protocol", null, null, "protocol: unique-id", uid,
                    " is listed again after its message was deleted (DELE and QUIT answered +OK): " + sighting.relisted().words()));
        }
        return sighting.firstTime();
    }

    /**
     * QUIT was answered: on +OK the UPDATE state removed the messages this session marked deleted (RFC 1939 §6), so a
     * later listing of their unique-ids is read again. Without +OK they may or may not be gone, and stay skipped.
     */
    void quitAnswered(Pop3Connection c, boolean ok) {
        if (ok) {
            for (int message : c.markedDeleted()) {
                String uid = c.uidReadAs(message);
                if (uid != null) run.processed().deleted(c.account().address(), uid);
            }
        }
        c.markedDeleted().clear();
    }

    /**
     * The retrieval of a listed message failed: refused (-ERR), or cut off part way ({@code cutOff}: the stamp, if
     * it had arrived, tells which message).
     */
    void notRetrieved(String maildrop, String uid, Optional<MessageStamp.Inspection> cutOff) {
        run.ledger().retrievalFailed(maildrop, uid, cutOff.map(MessageStamp.Inspection::id).orElse(null), cutOff.map(MessageStamp.Inspection::recipients).orElse(1));
    }

    /**
     * Intact when the digest matches and the stamp still carries the digest this run sent; else what the comparison
     * with the message as sent finds (null: nothing to compare with).
     */
    private DeliveryClass classify(MessageStamp.Inspection i, String maildrop, Supplier<byte[]> content) {
        boolean digestKept = run.ledger().sentDigest(i.id(), i.recipients(), maildrop).map(i.digest()::equals).orElse(true);
        if (i.intact() && digestKept) return DeliveryClass.INTACT;
        Optional<byte[]> sent = run.ledger().sentOctets(i.id(), i.recipients(), maildrop);
        byte[] retrieved = content.get();
        if (sent.isEmpty() || retrieved == null) return null;
        MessageComparison comparison = MessageComparison.compare(sent.get(), retrieved);
        run.samples().offer(DeliveryLedger.key(i.id(), i.recipients(), maildrop), comparison, sent.get(), retrieved);
        return comparison.deliveryClass();
    }
}
