package io.mailharness.gatling.client;

import io.mailharness.settings.Account;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The maildrops of one injector. Senders address them round-robin; readers lease one at a time, so two
 * POP3 sessions of this injector never hold the same maildrop (servers lock it, and two readers would
 * see each other's messages twice).
 */
public final class AccountPool {
    private final List<Account> accounts;
    private final Set<String> leased = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextRecipient = new AtomicLong();
    private final AtomicLong nextLease = new AtomicLong();

    public AccountPool(List<Account> accounts) {
        if (accounts.isEmpty()) throw new IllegalArgumentException("no accounts to send to or read from");
        this.accounts = List.copyOf(accounts);
    }

    public List<Account> accounts() {
        return accounts;
    }

    /** The next {@code n} distinct recipients (fewer when the pool is smaller). */
    public List<Account> nextRecipients(int n) {
        int count = Math.min(n, accounts.size());
        long start = nextRecipient.getAndAdd(count);
        List<Account> next = new java.util.ArrayList<>(count); // no stream: once per message
        for (int i = 0; i < count; i++) next.add(accounts.get((int) ((start + i) % accounts.size())));
        return java.util.Collections.unmodifiableList(next);
    }

    /** Leases a free maildrop, preferring ones the filter accepts; empty when every maildrop is held. */
    public Optional<Account> lease(Predicate<Account> wanted) {
        int n = accounts.size();
        long start = nextLease.getAndIncrement();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                Account a = accounts.get((int) ((start + i) % n));
                if (pass == 0 && !wanted.test(a)) continue;
                if (leased.add(key(a))) return Optional.of(a);
            }
            if (wanted == ANY) break;
        }
        return Optional.empty();
    }

    public static final Predicate<Account> ANY = a -> true;

    public void release(Account account) {
        leased.remove(key(account));
    }

    public Optional<Account> byAddress(String address) {
        return accounts.stream().filter(a -> a.address().equalsIgnoreCase(address)).findFirst();
    }

    private static String key(Account a) {
        return a.user().toLowerCase(Locale.ROOT);
    }
}
