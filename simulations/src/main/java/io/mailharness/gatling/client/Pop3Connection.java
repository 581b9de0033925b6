package io.mailharness.gatling.client;

import io.mailharness.client.Pop3Session;
import io.mailharness.client.UniqueIdListing;
import io.mailharness.gatling.netty.Pop3Channel;
import io.mailharness.settings.Account;

import java.util.ArrayList;
import java.util.List;

/**
 * One virtual user's POP3 session in the TRANSACTION state — core's blocking {@link Pop3Session} or the Netty
 * engine's {@link Pop3Channel}, whichever the run's engine opened — the maildrop it holds a lease on, and what it
 * learned there (the unique-id listing, the messages it retrieved and may delete). {@link #close()} is safe from
 * any thread.
 */
public final class Pop3Connection implements AutoCloseable {
    private final Pop3Session session;
    private final Pop3Channel channel;
    private final Account account;
    private final AccountPool pool;
    private List<UniqueIdListing> listing = List.of();
    private final List<Integer> toDelete = new ArrayList<>();
    /** Message numbers retrieved whole in this session (numbers hold for a session, RFC 1939 §4). */
    /** Message numbers retrieved whole in this session, with their unique-ids (null without UIDL). */
    private final java.util.Map<Integer, String> readWhole = new java.util.HashMap<>();
    /** Message numbers whose DELE was answered +OK in this session: removed once QUIT is answered +OK. */
    private final java.util.Set<Integer> markedDeleted = new java.util.LinkedHashSet<>();
    private boolean released;

    public Pop3Connection(Pop3Session session, Account account, AccountPool pool) {
        this(session, null, account, pool);
    }

    /** A session of the Netty engine, registered before it connects so that the end of the run can close it. */
    public Pop3Connection(Pop3Channel channel, Account account, AccountPool pool) {
        this(null, channel, account, pool);
    }

    private Pop3Connection(Pop3Session session, Pop3Channel channel, Account account, AccountPool pool) {
        this.session = session;
        this.channel = channel;
        this.account = account;
        this.pool = pool;
    }

    /** The blocking engine's session; null on the Netty engine. */
    public Pop3Session session() {
        return session;
    }

    /** The Netty engine's session; null on the blocking engine. */
    public Pop3Channel channel() {
        return channel;
    }

    public Account account() {
        return account;
    }

    public List<UniqueIdListing> listing() {
        return listing;
    }

    public void listing(List<UniqueIdListing> listing) {
        this.listing = List.copyOf(listing);
    }

    /** Message numbers retrieved (or known processed) in this session, to be deleted. */
    public List<Integer> toDelete() {
        return toDelete;
    }

    /** Message {@code message}, listed as {@code uid} (null without UIDL), was retrieved whole in this session. */
    public void readWhole(int message, String uid) {
        readWhole.put(message, uid);
    }

    /** Whether message {@code message} was retrieved whole in this session: deleting it deletes what was read. */
    public boolean wasReadWhole(int message) {
        return readWhole.containsKey(message);
    }

    /** The unique-id message {@code message} had when this session read it whole; null if it did not, or without UIDL. */
    public String uidReadAs(int message) {
        return readWhole.get(message);
    }

    /** DELE of message {@code message} was answered +OK: the UPDATE state is to remove it. */
    public void markedDeleted(int message) {
        markedDeleted.add(message);
    }

    /** The messages marked deleted in this session, in the order marked; RSET unmarks them all. */
    public java.util.Set<Integer> markedDeleted() {
        return markedDeleted;
    }

    public boolean isOpen() {
        return session != null ? session.isConnected() : channel.isOpen();
    }

    /** Closes the socket and gives the maildrop back to the pool; safe to call twice. */
    @Override
    public synchronized void close() {
        if (session != null) session.close();
        else channel.close();
        if (!released) {
            released = true;
            pool.release(account);
        }
    }
}
