package io.mailharness.gatling.action;

import io.mailharness.client.Pop3Reply;
import io.mailharness.client.Pop3Session;
import io.mailharness.client.UniqueIdListing;
import io.mailharness.gatling.MailRun;
import io.mailharness.gatling.action.MailAction.Exchange;
import io.mailharness.gatling.action.MailAction.StageFailed;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.check.Pop3Stage;
import io.mailharness.gatling.check.ReplyExpectation;
import io.mailharness.gatling.client.AccountPool;
import io.mailharness.gatling.client.Pop3Connection;
import io.mailharness.gatling.protocol.MailComponents;
import io.mailharness.gatling.protocol.MailProtocol;
import io.mailharness.gatling.protocol.Pop3Login;
import io.mailharness.client.MailProtocolException;
import io.mailharness.message.MessageStamp;
import io.mailharness.settings.Account;
import io.mailharness.settings.Pop3Security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The POP3 commands of the POP3 actions on the blocking engine (core's {@link Pop3Session} on a virtual thread),
 * each timed as request {@code "<prefix> <command>"}; what the responses mean for the session values and the
 * delivery ledger is {@link Pop3Reading}'s.
 */
final class Pop3Exchange {
    private final MailComponents components;
    private final MailRun run;
    private final Pop3Reading reading;

    Pop3Exchange(String prefix, MailComponents components) {
        this.components = components;
        this.run = components.run();
        this.reading = new Pop3Reading(prefix, components);
    }

    private String request(Pop3Stage stage) {
        return reading.request(stage);
    }

    private boolean report() {
        return reading.report();
    }

    private Pop3Reply stage(Exchange x, Pop3Stage stage, MailAction.Call<Pop3Reply> call) throws StageFailed {
        return x.stage(request(stage), report(), call, ReplyExpectation::judge);
    }

    Pop3Connection connection(Exchange x) {
        return reading.connection(x);
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
        return reading.stat(x, stage(x, Pop3Stage.STAT, () -> c.session().stat()), saveAs);
    }

    /** LIST: saves the message sizes as a list of longs. */
    void list(Exchange x, Pop3Connection c, String saveAs) throws StageFailed {
        reading.list(x, stage(x, Pop3Stage.LIST, () -> c.session().list()), saveAs);
    }

    /** UIDL: remembers the listing on the connection and saves the unique-ids. */
    List<UniqueIdListing> uidl(Exchange x, Pop3Connection c, String saveAs) throws StageFailed {
        return reading.uidl(x, c, stage(x, Pop3Stage.UIDL, () -> c.session().uidl()), saveAs);
    }

    /**
     * RETR of every listed message not processed before (by unique-id), up to {@link Pop3Reading#MAX_MESSAGES_PER_PASS}.
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
        List<UniqueIdListing> toRetrieve = reading.newMessages(c, listing);
        for (UniqueIdListing entry : toRetrieve) {
            reading.passed(c, entry.message(), retrieve(x, c, entry.message(), maildrop, entry.uniqueId()));
        }
        c.listing(List.of());
        return toRetrieve.size();
    }

    private List<UniqueIdListing> listWithoutUids(Exchange x, Pop3Connection c) throws StageFailed {
        return Pop3Reading.withoutUids(stage(x, Pop3Stage.LIST, () -> c.session().list()));
    }

    /**
     * RETR one message, and how it ended. A listed message whose retrieval fails is told to the ledger as not
     * retrievable.
     */
    Retrieval retrieve(Exchange x, Pop3Connection c, int message, String maildrop, String uid) throws StageFailed {
        byte[] content;
        try {
            content = x.stage(request(Pop3Stage.RETR), report(), () -> c.session().retr(message),
                    bytes -> bytes != null ? Outcome.ok("+OK") : ReplyExpectation.judge(c.session().lastReply()));
        } catch (StageFailed e) {
            reading.notRetrieved(maildrop, uid, e.getCause() instanceof MailProtocolException m
                    ? m.partialContent().flatMap(MessageStamp::inspect) : Optional.empty());
            throw e;
        }
        if (content == null) {
            reading.notRetrieved(maildrop, uid, Optional.empty());
            return Retrieval.FAILED;
        }
        c.readWhole(message, uid);
        return Retrieval.of(reading.retrieved(x, maildrop, uid, MessageStamp.inspect(content), () -> content));
    }

    void top(Exchange x, Pop3Connection c, int message, int lines) throws StageFailed {
        x.stage(request(Pop3Stage.TOP), report(), () -> c.session().top(message, lines),
                bytes -> bytes != null ? Outcome.ok("+OK") : ReplyExpectation.judge(c.session().lastReply()));
    }

    void dele(Exchange x, Pop3Connection c, int message) throws StageFailed {
        if (stage(x, Pop3Stage.DELE, () -> c.session().dele(message)).isOk()) c.markedDeleted(message);
    }

    void deleteRetrieved(Exchange x, Pop3Connection c) throws StageFailed {
        List<Integer> marked = new ArrayList<>(c.toDelete());
        c.toDelete().clear();
        for (int message : marked) dele(x, c, message);
    }

    void rset(Exchange x, Pop3Connection c) throws StageFailed {
        stage(x, Pop3Stage.RSET, () -> c.session().rset());
        c.toDelete().clear();
        c.markedDeleted().clear();
    }

    /** QUIT (the UPDATE state removes what was marked), then the connection is closed and the maildrop released. */
    void quit(Exchange x, Pop3Connection c) {
        try {
            reading.quitAnswered(c, stage(x, Pop3Stage.QUIT, () -> c.session().quit()).isOk());
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
