package io.mailharness.gatling.action;

import io.mailharness.client.Pop3Reply;
import io.mailharness.client.Pop3Session;
import io.mailharness.client.ScanListing;
import io.mailharness.client.UniqueIdListing;
import io.mailharness.gatling.MailRun;
import io.mailharness.gatling.action.MailAction.Exchange;
import io.mailharness.gatling.action.MailAction.StageFailed;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.check.Pop3Stage;
import io.mailharness.gatling.check.ReplyExpectation;
import io.mailharness.gatling.client.AccountPool;
import io.mailharness.gatling.client.Pop3Connection;
import io.mailharness.gatling.ledger.DeliveryLedger;
import io.mailharness.gatling.protocol.MailComponents;
import io.mailharness.gatling.protocol.MailProtocol;
import io.mailharness.gatling.protocol.Pop3Login;
import io.mailharness.client.MailProtocolException;
import io.mailharness.message.MessageComparison;
import io.mailharness.message.MessageStamp;
import io.mailharness.record.DeliveryClass;
import io.mailharness.settings.Account;
import io.mailharness.settings.Pop3Security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The POP3 commands of the POP3 actions, each timed as request {@code "<prefix> <command>"}, and the
 * receiving half of the delivery ledger: every retrieved harness message is checked against its digest
 * and reported to the ledger, and its first sighting logs a "delivery latency" request.
 */
final class Pop3Exchange {
    /** At most this many messages are retrieved in one pass, so a full maildrop cannot hold a user for ever. */
    static final int MAX_MESSAGES_PER_PASS = 500;

    private final String prefix;
    private final MailComponents components;
    private final MailRun run;

    Pop3Exchange(String prefix, MailComponents components) {
        this.prefix = prefix;
        this.components = components;
        this.run = components.run();
    }

    private String request(Pop3Stage stage) {
        return prefix + " " + stage.label();
    }

    private boolean report() {
        return components.protocol().stageRequests();
    }

    private Pop3Reply stage(Exchange x, Pop3Stage stage, MailAction.Call<Pop3Reply> call) throws StageFailed {
        return x.stage(request(stage), report(), call, ReplyExpectation::judge);
    }

    Pop3Connection connection(Exchange x) {
        Pop3Connection c = run.connections().pop3(x.session().userId());
        if (c != null && !c.isOpen()) {
            run.connections().closePop3(x.session().userId());
            return null;
        }
        return c;
    }

    /**
     * Logs in to a free maildrop (preferring those {@code wanted}), or keeps the session already open.
     * Empty when every maildrop is held by another reader (nothing is logged) or the login failed (KO logged).
     */
    Optional<Pop3Connection> login(Exchange x, Predicate<Account> wanted) throws StageFailed {
        Pop3Connection open = connection(x);
        if (open != null) return Optional.of(open);
        AccountPool pool = components.maildrops();
        Optional<Account> lease = pool.lease(wanted);
        if (lease.isEmpty()) return Optional.empty();
        Account account = lease.get();
        MailProtocol p = components.protocol();
        long user = x.session().userId();
        ConnectAttempts.awaitTurn(components, user);
        Pop3Session session;
        try {
            session = x.stage(request(Pop3Stage.CONNECT), report(),
                    () -> Pop3Session.connect(components.target(), null, components.run().connections()),
                    s -> ReplyExpectation.judge(s.greeting()));
        } catch (StageFailed e) {
            ConnectAttempts.failed(components, user);
            pool.release(account);
            throw e;
        }
        Pop3Connection c = new Pop3Connection(session, account, pool);
        run.connections().put(user, c);
        try {
            if (!session.greeting().isOk()) return fail(x);
            if (components.target().requirePop3().security() == Pop3Security.STLS && !stage(x, Pop3Stage.STLS, session::stls).isOk()) return fail(x);
            if (p.pop3Login() == Pop3Login.APOP) {
                if (!stage(x, Pop3Stage.APOP, () -> session.apop(account)).isOk()) return fail(x);
            } else {
                if (!stage(x, Pop3Stage.USER, () -> session.user(account.user())).isOk()) return fail(x);
                if (!stage(x, Pop3Stage.PASS, () -> session.pass(account.password())).isOk()) return fail(x);
            }
            x.update(s -> s.set(Pop3Keys.MAILDROP, account.address()));
            ConnectAttempts.succeeded(components, user);
            return Optional.of(c);
        } catch (StageFailed | RuntimeException e) {
            ConnectAttempts.failed(components, user);
            run.connections().closePop3(user);
            throw e;
        }
    }

    /** The login was refused: a failed connection attempt, for the back-off. */
    private Optional<Pop3Connection> fail(Exchange x) {
        ConnectAttempts.failed(components, x.session().userId());
        run.connections().closePop3(x.session().userId());
        return Optional.empty();
    }

    int stat(Exchange x, Pop3Connection c, String saveAs) throws StageFailed {
        Pop3Reply reply = stage(x, Pop3Stage.STAT, () -> c.session().stat());
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

    /** LIST: saves the message sizes as a list of longs. */
    void list(Exchange x, Pop3Connection c, String saveAs) throws StageFailed {
        Pop3Reply reply = stage(x, Pop3Stage.LIST, () -> c.session().list());
        if (!reply.isOk()) return;
        try {
            List<Long> sizes = ScanListing.parseAll(reply).stream().map(ScanListing::sizeOctets).toList();
            x.update(s -> s.set(saveAs, sizes));
        } catch (io.mailharness.client.MailProtocolException e) {
            x.log(request(Pop3Stage.LIST) + " listing", 0, 0, 0, Outcome.of(e));
        }
    }

    /** UIDL: remembers the listing on the connection and saves the unique-ids. */
    /** The unique-id of a message number from the session's last UIDL, or null. */
    static String uidOf(Pop3Connection c, int message) {
        return c.listing().stream().filter(l -> l.message() == message).map(UniqueIdListing::uniqueId).findFirst().orElse(null);
    }

    List<UniqueIdListing> uidl(Exchange x, Pop3Connection c, String saveAs) throws StageFailed {
        Pop3Reply reply = stage(x, Pop3Stage.UIDL, () -> c.session().uidl());
        if (!reply.isOk()) return null;
        try {
            List<UniqueIdListing> listing = UniqueIdListing.parseAll(reply);
            c.listing(listing);
            String maildrop = c.account().address();
            run.ledger().listed(maildrop, listing.stream().map(UniqueIdListing::uniqueId).filter(uid -> !run.isProcessed(maildrop, uid)).toList());
            x.update(s -> s.set(saveAs, listing.stream().map(UniqueIdListing::uniqueId).toList()));
            return listing;
        } catch (io.mailharness.client.MailProtocolException e) {
            return null;
        }
    }

    /**
     * RETR of every listed message not processed before (by unique-id), up to {@link #MAX_MESSAGES_PER_PASS}.
     * Without a UIDL listing, the message numbers of LIST are used and nothing is skipped.
     */
    int retrieveNew(Exchange x, Pop3Connection c) throws StageFailed {
        List<UniqueIdListing> listing = c.listing();
        if (listing.isEmpty()) {
            List<UniqueIdListing> fresh = uidl(x, c, Pop3Keys.UIDS);
            if (fresh == null) fresh = listWithoutUids(x, c);
            listing = fresh;
        }
        String maildrop = c.account().address();
        int retrieved = 0;
        for (UniqueIdListing entry : listing) {
            if (retrieved >= MAX_MESSAGES_PER_PASS) break;
            String uid = entry.uniqueId();
            if (uid != null && run.isProcessed(maildrop, uid)) {
                if (components.protocol().deleteAfterRetrieval()) c.toDelete().add(entry.message());
                continue;
            }
            retrieved++;
            boolean harness = retrieve(x, c, entry.message(), maildrop, uid);
            if (components.protocol().deleteAfterRetrieval() && (harness || c.account().disposable())) c.toDelete().add(entry.message());
        }
        c.listing(List.of());
        return retrieved;
    }

    private List<UniqueIdListing> listWithoutUids(Exchange x, Pop3Connection c) throws StageFailed {
        Pop3Reply reply = stage(x, Pop3Stage.LIST, () -> c.session().list());
        if (!reply.isOk()) return List.of();
        try {
            List<UniqueIdListing> out = new ArrayList<>();
            for (ScanListing s : ScanListing.parseAll(reply)) out.add(new UniqueIdListing(s.message(), null));
            return out;
        } catch (io.mailharness.client.MailProtocolException e) {
            return List.of();
        }
    }

    /**
     * RETR one message; true when it is a harness message. A message whose unique-id (when known) was
     * processed before is not reported to the ledger again: seeing it twice is not a duplicate delivery.
     * A harness message that does not match its digest is compared with the message as sent, to tell what
     * the server did to it; a listed message whose retrieval fails is told to the ledger as not retrievable.
     */
    boolean retrieve(Exchange x, Pop3Connection c, int message, String maildrop, String uid) throws StageFailed {
        DeliveryLedger ledger = run.ledger();
        byte[] content;
        try {
            content = x.stage(request(Pop3Stage.RETR), report(), () -> c.session().retr(message),
                    bytes -> bytes != null ? Outcome.ok("+OK") : ReplyExpectation.judge(c.session().lastReply()));
        } catch (StageFailed e) {
            Optional<MessageStamp.Inspection> partial = e.getCause() instanceof MailProtocolException m
                    ? m.partialContent().flatMap(MessageStamp::inspect) : Optional.empty();
            ledger.retrievalFailed(maildrop, uid, partial.map(MessageStamp.Inspection::id).orElse(null), partial.map(MessageStamp.Inspection::recipients).orElse(1));
            throw e;
        }
        if (content == null) {
            ledger.retrievalFailed(maildrop, uid, null, 1);
            return false;
        }
        ledger.retrievalSucceeded(maildrop, uid);
        long seenAt = System.currentTimeMillis();
        Optional<MessageStamp.Inspection> stamp = MessageStamp.inspect(content);
        boolean firstTime = uid == null || run.markProcessed(maildrop, uid);
        if (stamp.isEmpty()) return false;
        if (!firstTime) return true;
        MessageStamp.Inspection i = stamp.get();
        long[] acceptedAt = new long[1];
        DeliveryLedger.Sighting sighting = ledger.retrieved(i.id(), i.recipients(), maildrop, classify(i, maildrop, content), seenAt, acceptedAt);
        if (sighting == DeliveryLedger.Sighting.FIRST && acceptedAt[0] >= 0) x.deliveryLatency(acceptedAt[0], seenAt);
        return true;
    }

    /** Intact when the digest matches; else what the comparison with the message as sent finds (null: nothing to compare with). */
    private DeliveryClass classify(MessageStamp.Inspection i, String maildrop, byte[] content) {
        if (i.intact()) return DeliveryClass.INTACT;
        Optional<byte[]> sent = run.ledger().sentOctets(i.id(), i.recipients(), maildrop);
        if (sent.isEmpty()) return null;
        MessageComparison comparison = MessageComparison.compare(sent.get(), content);
        run.samples().offer(DeliveryLedger.key(i.id(), i.recipients(), maildrop), comparison, sent.get(), content);
        return comparison.deliveryClass();
    }

    void top(Exchange x, Pop3Connection c, int message, int lines) throws StageFailed {
        x.stage(request(Pop3Stage.TOP), report(), () -> c.session().top(message, lines),
                bytes -> bytes != null ? Outcome.ok("+OK") : ReplyExpectation.judge(c.session().lastReply()));
    }

    void dele(Exchange x, Pop3Connection c, int message) throws StageFailed {
        stage(x, Pop3Stage.DELE, () -> c.session().dele(message));
    }

    void deleteRetrieved(Exchange x, Pop3Connection c) throws StageFailed {
        List<Integer> marked = new ArrayList<>(c.toDelete());
        c.toDelete().clear();
        for (int message : marked) dele(x, c, message);
    }

    void rset(Exchange x, Pop3Connection c) throws StageFailed {
        stage(x, Pop3Stage.RSET, () -> c.session().rset());
        c.toDelete().clear();
    }

    /** QUIT (the UPDATE state removes what was marked), then the connection is closed and the maildrop released. */
    void quit(Exchange x, Pop3Connection c) {
        try {
            stage(x, Pop3Stage.QUIT, () -> c.session().quit());
        } catch (StageFailed e) {
            // logged as a KO; closed below
        } finally {
            run.connections().closePop3(x.session().userId());
        }
    }

    /** One full reader pass: login, STAT, UIDL, RETR what is new, DELE it, QUIT. False when no maildrop was free. */
    boolean cycle(Exchange x, Predicate<Account> wanted) {
        try {
            Optional<Pop3Connection> login = login(x, wanted);
            if (login.isEmpty()) return false;
            Pop3Connection c = login.get();
            stat(x, c, Pop3Keys.COUNT);
            if (uidl(x, c, Pop3Keys.UIDS) == null) c.listing(listWithoutUids(x, c));
            retrieveNew(x, c);
            deleteRetrieved(x, c);
            quit(x, c);
        } catch (StageFailed e) {
            run.connections().closePop3(x.session().userId());
        }
        return true;
    }
}
