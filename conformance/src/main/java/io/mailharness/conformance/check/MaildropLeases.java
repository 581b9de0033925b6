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
 * The target's accounts, leased to the checks of one run, and the run's schedule: a check that logs into a maildrop
 * holds it from its start to the end of its clean-up, so checks on different maildrops run side by side and no two
 * sessions of the harness ever share one (a POP3 server locks a maildrop for a session, RFC 1939 §4, and the mailbox
 * checks count messages). A check gets every account it needs at once or none (no check holds one while waiting for
 * another, so none deadlock), in the order the checks asked (a waiting check keeps later ones off the accounts it
 * could use), within a bounded wait.
 * <ul>
 *   <li>a {@code mutates-mailbox} check: {@link Check#maildrops()} disposable accounts, others than the primary when
 *       the target has enough of them, so the primary stays free for the read-only rows;</li>
 *   <li>a read-only POP3 row ({@code POP-}): one account to log into and list, the primary if it is free, else one
 *       marked disposable (the rows that wait out a server's delay after a failed login then do so side by side);</li>
 *   <li>{@link Check#EVERY_MAILDROP}: every account, once the run's other checks have finished (it looks at what they
 *       left); while it waits for them it keeps no other check off an account;</li>
 *   <li>any other check: none.</li>
 * </ul>
 * A {@link Check#alone()} check starts once every running check has finished, and no check starts while it runs.
 * Every check of the run asks here, the ones that need no account too, and says when it has {@link #finished}.
 */
final class MaildropLeases {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MaildropLeases.class);

    /**
     * What one check asks for: {@code count} accounts out of {@code candidates}, the first free ones in that order;
     * {@code last}: only once the run's other checks have finished; {@code alone}: with no other check running.
     */
    record Need(int count, List<Account> candidates, boolean last, boolean alone) {
        static final Need NOTHING = new Need(0, List.of());

        Need(int count, List<Account> candidates) {
            this(count, candidates, false, false);
        }

        Need(int count, List<Account> candidates, boolean last) {
            this(count, candidates, last, false);
        }

        Need runningAlone() {
            return new Need(count, candidates, last, true);
        }
    }

    /** A check waiting for its turn; {@code granted} is set (under the pool's lock) when it gets it. */
    private static final class Waiter {
        final String check;
        final Need need;
        List<Account> granted;

        Waiter(String check, Need need) {
            this.check = check;
            this.need = need;
        }
    }

    private final Set<Account> free;
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    /** The checks of the run that the {@link Check#EVERY_MAILDROP} ones run after, until each has finished. */
    private final Set<String> unfinished;
    /** The checks granted their turn and not yet finished. */
    private final Set<String> running = new LinkedHashSet<>();
    /** The {@link Check#alone()} check running now, if one is. */
    private String runningAlone;
    /** When a check last finished: a check that runs last waits at most the lease wait past that, however long the run. */
    private long lastFinished = System.nanoTime();

    MaildropLeases(List<Account> accounts) {
        this(accounts, Set.of());
    }

    MaildropLeases(List<Account> accounts, Set<String> checksBeforeLast) {
        this.free = new LinkedHashSet<>(accounts);
        this.unfinished = new LinkedHashSet<>(checksBeforeLast);
    }

    /** The pool of the run {@code context} belongs to, made on first use. */
    static MaildropLeases of(ExtensionContext context, TargetSettings target) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(MaildropLeases.class, k -> new MaildropLeases(target.accounts(), checksBeforeLast(context)),
                        MaildropLeases.class);
    }

    private static Set<String> checksBeforeLast(ExtensionContext context) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : context.getConfigurationParameter(SuiteParameters.CHECKS_BEFORE_LAST).orElse("").split(",")) {
            if (!id.isBlank()) ids.add(id.strip());
        }
        return ids;
    }

    /** What {@code check} needs of {@code target}'s accounts; empty: nothing (or more disposable ones than there are). */
    static Optional<Need> need(CheckMetadata check, TargetSettings target) {
        if (check.maildrops() == Check.EVERY_MAILDROP) return Optional.of(new Need(target.accounts().size(), target.accounts(), true));
        if (check.mutatesMailbox()) {
            List<Account> candidates = candidates(target, check.maildrops());
            // too few: nothing is leased and the check SKIPs when it asks (CheckContext#disposableAccounts)
            return candidates.size() < check.maildrops() ? Optional.empty() : Optional.of(new Need(check.maildrops(), candidates));
        }
        if (check.id().startsWith("POP-")) return Optional.of(new Need(1, readOnlyCandidates(target)));
        return Optional.empty();
    }

    /** The accounts a read-only row may log into: the primary first, then the disposable ones. */
    static List<Account> readOnlyCandidates(TargetSettings target) {
        List<Account> candidates = new ArrayList<>(List.of(target.primaryAccount()));
        target.disposableAccounts().stream().filter(a -> !candidates.contains(a)).forEach(candidates::add);
        return List.copyOf(candidates);
    }

    /** The disposable accounts {@code n} maildrops are taken from: those besides the primary when there are n of them. */
    static List<Account> candidates(TargetSettings target, int n) {
        List<Account> disposable = target.disposableAccounts();
        List<Account> others = disposable.stream().filter(a -> !a.equals(target.primaryAccount())).toList();
        return others.size() >= n ? others : disposable;
    }

    /**
     * Waits (at most {@code wait}; a check that runs last, at most {@code wait} past the last check that finished) for
     * {@code check}'s turn: every account it needs free (and, for some, the other checks finished or stopped), and
     * leases them to it. One that waits in vain SKIPs with the reason.
     */
    AccountLease lease(CheckMetadata check, TargetSettings target, Duration wait) {
        Need need = need(check, target).orElse(Need.NOTHING);
        Waiter waiter = new Waiter(check.id(), check.alone() ? need.runningAlone() : need);
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            waiting.addLast(waiter);
            try {
                grant();
                while (waiter.granted == null) {
                    long by = waiter.need.last() ? Math.max(deadline, lastFinished + wait.toNanos()) : deadline;
                    long left = by - System.nanoTime();
                    if (left <= 0) throw new TestAbortedException(waitedInVain(waiter, wait));
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

    private String waitedInVain(Waiter waiter, Duration wait) {
        Need need = waiter.need;
        String what = need.count() == 0 ? "no maildrop free within " + wait.toMillis() + " ms: waited"
                : "no maildrop free within " + wait.toMillis() + " ms: waited for " + need.count() + " of " + addresses(need.candidates());
        if (need.last() && !unfinished.isEmpty()) what += " after " + String.join(", ", unfinished);
        else if (need.alone() && !running.isEmpty()) what += " to run alone, while " + String.join(", ", running) + " ran";
        else if (runningAlone != null) what += " while " + runningAlone + " ran alone";
        return what + " (" + SuiteParameters.LEASE_WAIT + ")";
    }

    /** How many checks wait for their turn now. */
    synchronized int waiting() {
        return waiting.size();
    }

    /**
     * The check with this ID has finished (or will not run): the checks that run last no longer wait for it, and one
     * that runs alone no longer waits for it to end.
     */
    synchronized void finished(String checkId) {
        lastFinished = System.nanoTime();
        unfinished.remove(checkId);
        running.remove(checkId);
        if (checkId.equals(runningAlone)) runningAlone = null;
        grant();
    }

    /** Gives the accounts back and serves the checks waiting for them. */
    synchronized void release(List<Account> accounts) {
        free.addAll(accounts);
        grant();
    }

    /**
     * Serves the waiting checks in the order they came: each gets its accounts when they are free; one that cannot
     * yet keeps the later ones off every account it could use, so a check needing several is not overtaken forever.
     * One that must run alone keeps every later one waiting until it has had its turn.
     */
    private void grant() {
        Set<Account> open = new LinkedHashSet<>(free);
        boolean granted = false;
        for (Waiter waiter : waiting) {
            if (runningAlone != null) break;
            if (waiter.granted != null) continue;
            if (waiter.need.last() && !unfinished.isEmpty()) continue; // not its turn yet, and it keeps nobody waiting
            List<Account> pick = new ArrayList<>();
            for (Account account : waiter.need.candidates()) {
                if (pick.size() < waiter.need.count() && open.contains(account)) pick.add(account);
            }
            boolean turn = pick.size() == waiter.need.count() && (!waiter.need.alone() || running.isEmpty());
            if (turn) {
                waiter.granted = List.copyOf(pick);
                free.removeAll(pick);
                open.removeAll(pick);
                running.add(waiter.check);
                if (waiter.need.alone()) runningAlone = waiter.check;
                granted = true;
            } else if (waiter.need.alone()) {
                break; // nobody overtakes it, or it might never find the run empty
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
