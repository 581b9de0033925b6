package io.mailharness.faultserver.pop3;

import io.mailharness.faultserver.LocalAccount;
import io.mailharness.faultserver.ServerConfig;
import io.mailharness.faultserver.store.MailStore;

/**
 * Everything one POP3 session remembers: its state, the user named by USER, the APOP
 * timestamp of its greeting, TLS/UTF8, and once logged in the locked maildrop snapshot.
 */
public final class Pop3State {

    private final ServerConfig config;
    private final MailStore store;
    private final String apopTimestamp;
    private Pop3Phase phase = Pop3Phase.AUTHORIZATION;
    private String pendingUser;
    private boolean tls;
    private boolean utf8;
    private LocalAccount account;
    private MaildropSnapshot snapshot;

    Pop3State(ServerConfig config, MailStore store, String apopTimestamp) {
        this.config = config;
        this.store = store;
        this.apopTimestamp = apopTimestamp;
    }

    /** Result of trying to open a maildrop after the credentials were accepted. */
    enum OpenResult { OPENED, LOCKED }

    public ServerConfig config() {
        return config;
    }

    public Pop3Phase phase() {
        return phase;
    }

    /** The user named by a successful USER, waiting for PASS; null otherwise. */
    public String pendingUser() {
        return pendingUser;
    }

    void pendingUser(String user) {
        pendingUser = user;
    }

    public String apopTimestamp() {
        return apopTimestamp;
    }

    public boolean tls() {
        return tls;
    }

    void tlsStarted() {
        tls = true;
    }

    public boolean utf8() {
        return utf8;
    }

    void enableUtf8() {
        utf8 = true;
    }

    public LocalAccount account() {
        return account;
    }

    /** The session's maildrop view; null before login. */
    public MaildropSnapshot snapshot() {
        return snapshot;
    }

    /** Takes the maildrop lock (RFC 1939 §4) and enters TRANSACTION with a fresh snapshot. */
    OpenResult open(LocalAccount user) {
        return open(user, true);
    }

    /** @param lock false only in the faulty variant: the maildrop is opened without the exclusive-access lock */
    OpenResult open(LocalAccount user, boolean lock) {
        var maildrop = store.maildrop(user.user());
        if (lock && !maildrop.tryLock(this)) {
            pendingUser = null;
            return OpenResult.LOCKED;
        }
        account = user;
        snapshot = new MaildropSnapshot(maildrop);
        pendingUser = null;
        phase = Pop3Phase.TRANSACTION;
        return OpenResult.OPENED;
    }

    /** QUIT in TRANSACTION: the UPDATE state removes the marked messages, then unlocks. */
    void update() {
        phase = Pop3Phase.UPDATE;
        snapshot.commitDeletions();
        release();
    }

    /** Unlocks without UPDATE: a dropped connection deletes nothing (RFC 1939 §6). */
    void release() {
        if (snapshot != null) {
            snapshot.maildrop().unlock(this);
        }
    }
}
