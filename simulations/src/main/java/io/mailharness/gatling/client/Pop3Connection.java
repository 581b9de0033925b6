package io.mailharness.gatling.client;

import io.mailharness.client.Pop3Session;
import io.mailharness.client.UniqueIdListing;
import io.mailharness.settings.Account;

import java.util.ArrayList;
import java.util.List;

/**
 * One virtual user's POP3 session in the TRANSACTION state, the maildrop it holds a lease on, and what
 * it learned there (the unique-id listing, the messages it retrieved and may delete).
 */
public final class Pop3Connection implements AutoCloseable {
    private final Pop3Session session;
    private final Account account;
    private final AccountPool pool;
    private List<UniqueIdListing> listing = List.of();
    private final List<Integer> toDelete = new ArrayList<>();
    private boolean released;

    public Pop3Connection(Pop3Session session, Account account, AccountPool pool) {
        this.session = session;
        this.account = account;
        this.pool = pool;
    }

    public Pop3Session session() {
        return session;
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

    public boolean isOpen() {
        return session.isConnected();
    }

    /** Closes the socket and gives the maildrop back to the pool; safe to call twice. */
    @Override
    public synchronized void close() {
        session.close();
        if (!released) {
            released = true;
            pool.release(account);
        }
    }
}
