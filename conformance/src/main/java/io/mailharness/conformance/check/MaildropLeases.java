package io.mailharness.conformance.check;

import io.mailharness.settings.Account;
import io.mailharness.settings.TargetSettings;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The target's accounts, leased to the checks of one run: a check that logs into a maildrop holds it from its start
 * to the end of its clean-up, so checks on different maildrops run side by side and no two sessions of the harness
 * ever share one (a POP3 server locks a maildrop for a session, RFC 1939 §4, and the mailbox checks count messages).
 * A check gets every account it needs at once or none (no check holds one while waiting for another, so none
 * deadlock), in the order the checks asked (a waiting check keeps later ones off the accounts it could use), within
 * a bounded wait.
 * <ul>
 *   <li>a {@code mutates-mailbox} check: {@link Check#maildrops()} disposable accounts, others than the primary when
 *       the target has enough of them, so the primary stays free for the read-only rows;</li>
 *   <li>a read-only POP3 row ({@code POP-}): the primary account, the one it logs into and whose messages it lists;</li>
 *   <li>{@link Check#EVERY_MAILDROP}: every account;</li>
 *   <li>any other check: none.</li>
 * </ul>
 */
final class MaildropLeases {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MaildropLeases.class);

    /** What one check asks for: {@code count} accounts out of {@code candidates}, the first free ones in that order. */
    record Need(int count, List<Account> candidates) {}

    /** A check waiting for its accounts; {@code granted} is set (under the pool's lock) when it gets them. */
    private static final class Waiter {
        final Need need;
        List<Account> granted;

        Waiter(Need need) {
            this.need = need;
        }
    }

    private final Set<Account> free;
    private final Deque<Waiter> waiting = new ArrayDeque<>();

    MaildropLeases(List<Account> accounts) {
        this.free = new LinkedHashSet<>(accounts);
    }

    /** The pool of the run {@code context} belongs to, made on first use. */
    static MaildropLeases of(ExtensionContext context, TargetSettings target) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(MaildropLeases.class, k -> new MaildropLeases(target.accounts()), MaildropLeases.class);
    }

    /** What {@code check} needs of {@code target}'s accounts; empty: nothing (or more disposable ones than there are). */
    static Optional<Need> need(CheckMetadata check, TargetSettings target) {
        if (check.maildrops() == Check.EVERY_MAILDROP) return Optional.of(new Need(target.accounts().size(), target.accounts()));
        if (check.mutatesMailbox()) {
            List<Account> candidates = candidates(target, check.maildrops());
            // too few: nothing is leased and the check SKIPs when it asks (CheckContext#disposableAccounts)
            return candidates.size() < check.maildrops() ? Optional.empty() : Optional.of(new Need(check.maildrops(), candidates));
        }
        if (check.id().startsWith("POP-")) return Optional.of(new Need(1, List.of(target.primaryAccount())));
        return Optional.empty();
    }

    /** The disposable accounts {@code n} maildrops are taken from: those besides the primary when there are n of them. */
    static List<Account> candidates(TargetSettings target, int n) {
        List<Account> disposable = target.disposableAccounts();
        List<Account> others = disposable.stream().filter(a -> !a.equals(target.primaryAccount())).toList();
        return others.size() >= n ? others : disposable;
    }

    /**
     * Waits (at most {@code wait}) until every account {@code check} needs is free, and leases them to it.
     * A check that needs none gets an empty lease at once; one that waits in vain SKIPs with the reason.
     */
    AccountLease lease(CheckMetadata check, TargetSettings target, Duration wait) {
        Optional<Need> need = need(check, target);
        if (need.isEmpty()) return AccountLease.NONE;
        Waiter waiter = new Waiter(need.get());
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            waiting.addLast(waiter);
            try {
                grant();
                while (waiter.granted == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new TestAbortedException("no maildrop free within " + wait.toMillis() + " ms: waited for "
                                + waiter.need.count() + " of " + addresses(waiter.need.candidates()) + " (" + SuiteParameters.LEASE_WAIT + ")");
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                return new AccountLease(this, waiter.granted);
            } catch (InterruptedException e) {
                if (waiter.granted != null) release(waiter.granted);
                Thread.currentThread().interrupt();
                throw new TestAbortedException("interrupted while waiting for a maildrop");
            } finally {
                waiting.remove(waiter);
            }
        }
    }

    /** How many checks wait for accounts now. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Gives the accounts back and serves the checks waiting for them. */
    synchronized void release(List<Account> accounts) {
        free.addAll(accounts);
        grant();
    }

    /**
     * Serves the waiting checks in the order they came: each gets its accounts when they are free; one that cannot
     * yet keeps the later ones off every account it could use, so a check needing several is not overtaken forever.
     */
    private void grant() {
        Set<Account> open = new LinkedHashSet<>(free);
        boolean granted = false;
        for (Waiter waiter : waiting) {
            if (waiter.granted != null) continue;
            List<Account> pick = new ArrayList<>();
            for (Account account : waiter.need.candidates()) {
                if (pick.size() < waiter.need.count() && open.contains(account)) pick.add(account);
            }
            if (pick.size() == waiter.need.count()) {
                waiter.granted = List.copyOf(pick);
                free.removeAll(pick);
                open.removeAll(pick);
                granted = true;
            } else {
                waiter.need.candidates().forEach(open::remove);
            }
        }
        if (granted) notifyAll();
    }

    private static String addresses(List<Account> accounts) {
        return String.join(", ", accounts.stream().map(Account::address).toList());
    }
}
