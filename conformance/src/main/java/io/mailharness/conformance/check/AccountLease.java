package io.mailharness.conformance.check;

import io.mailharness.settings.Account;

import java.util.List;

/** The accounts one check holds for its whole run ({@link MaildropLeases}); closing gives them back, once. */
final class AccountLease implements AutoCloseable {
    /** The lease of a check that logs into no maildrop. */
    static final AccountLease NONE = new AccountLease(null, List.of());

    private final MaildropLeases pool;
    private final List<Account> accounts;
    private boolean released;

    AccountLease(MaildropLeases pool, List<Account> accounts) {
        this.pool = pool;
        this.accounts = List.copyOf(accounts);
    }

    List<Account> accounts() {
        return accounts;
    }

    boolean holds(Account account) {
        return accounts.contains(account);
    }

    @Override
    public synchronized void close() {
        if (released || pool == null) return;
        released = true;
        pool.release(accounts);
    }
}
