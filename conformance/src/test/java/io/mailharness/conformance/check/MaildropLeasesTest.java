package io.mailharness.conformance.check;

import io.mailharness.result.Level;
import io.mailharness.settings.Account;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.Timeouts;
import io.mailharness.settings.TlsSettings;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaildropLeasesTest {
    private static final Account MH1 = new Account("mh1@mh.test", "mh1", "p1", true);
    private static final Account MH2 = new Account("mh2@mh.test", "mh2", "p2", true);
    private static final Account MH3 = new Account("mh3@mh.test", "mh3", "p3", true);
    private static final TargetSettings TARGET = target(MH1, MH2, MH3);
    private static final Duration LONG = Duration.ofSeconds(10);
    /** A thread per waiting check, as JUnit's workers (the common pool may have one thread only). */
    private static final Executor OWN_THREAD = task -> Thread.ofVirtual().start(task);

    @Test
    void eachKindOfCheckNeedsItsAccounts() {
        assertEquals(Optional.of(new MaildropLeases.Need(1, List.of(MH2, MH3))), MaildropLeases.need(check("SMTP-DATA-OK", 1, true), TARGET),
                "a mutating check takes a disposable account besides the primary");
        assertEquals(Optional.of(new MaildropLeases.Need(1, List.of(MH1, MH2, MH3))), MaildropLeases.need(check("POP-LIST-FMT", 1, false), TARGET),
                "a read-only POP3 row logs into the primary, or a disposable account when the primary is busy");
        assertEquals(Optional.empty(), MaildropLeases.need(check("SMTP-NOOP", 1, false), TARGET), "an SMTP row logs into none");
        assertEquals(Optional.of(new MaildropLeases.Need(3, List.of(MH1, MH2, MH3), true)),
                MaildropLeases.need(check("E2E-ONEMSG", Check.EVERY_MAILDROP, true), TARGET));
        assertEquals(List.of(MH1, MH2, MH3), MaildropLeases.candidates(TARGET, 3), "too few besides the primary: the primary too");
        assertEquals(Optional.empty(), MaildropLeases.need(check("E2E-BCC", 4, true), TARGET), "more than there are: SKIPs when it asks");
    }

    @Test
    void checksOnOtherMaildropsRunSideBySide() {
        MaildropLeases pool = new MaildropLeases(TARGET.accounts());
        AccountLease reader = pool.lease(check("POP-STAT-FMT", 1, false), TARGET, LONG);
        AccountLease first = pool.lease(check("SMTP-DATA-OK", 1, true), TARGET, LONG);
        AccountLease second = pool.lease(check("SMTP-DATA-NOEXTRA", 1, true), TARGET, LONG);
        assertEquals(List.of(MH1), reader.accounts());
        assertEquals(List.of(MH2), first.accounts());
        assertEquals(List.of(MH3), second.accounts());
    }

    @Test
    void aCheckNeedingSeveralIsServedBeforeLaterOnes() throws Exception {
        MaildropLeases pool = new MaildropLeases(TARGET.accounts());
        AccountLease held = pool.lease(check("SMTP-DATA-OK", 1, true), TARGET, LONG); // mh2
        CompletableFuture<AccountLease> both = CompletableFuture.supplyAsync(() -> pool.lease(check("E2E-BCC", 2, true), TARGET, LONG), OWN_THREAD);
        awaitWaiting(pool, 1);
        CompletableFuture<AccountLease> later = CompletableFuture.supplyAsync(() -> pool.lease(check("POP-TOP", 1, true), TARGET, LONG), OWN_THREAD);
        awaitWaiting(pool, 2);
        assertFalse(later.isDone(), "mh3 is kept for the check that came first");
        held.close();
        AccountLease two = both.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(MH2, MH3), two.accounts());
        assertFalse(later.isDone());
        two.close();
        assertEquals(List.of(MH2), later.get(5, TimeUnit.SECONDS).accounts());
    }

    @Test
    void theCheckThatRunsLastWaitsForTheOthersWithoutHoldingThemUp() throws Exception {
        MaildropLeases pool = new MaildropLeases(TARGET.accounts(), Set.of("SMTP-DATA-OK", "SMTP-NOOP"));
        CompletableFuture<AccountLease> last = CompletableFuture.supplyAsync(
                () -> pool.lease(check("E2E-ONEMSG", Check.EVERY_MAILDROP, true), TARGET, LONG), OWN_THREAD);
        awaitWaiting(pool, 1);
        AccountLease other = pool.lease(check("SMTP-DATA-OK", 1, true), TARGET, Duration.ofMillis(200));
        assertEquals(List.of(MH2), other.accounts(), "every account free, yet the last check waits and keeps none");
        other.close();
        pool.finished("SMTP-DATA-OK");
        assertFalse(last.isDone(), "SMTP-NOOP has not finished");
        pool.finished("SMTP-NOOP");
        assertEquals(List.of(MH1, MH2, MH3), last.get(5, TimeUnit.SECONDS).accounts());
    }

    @Test
    void aCheckThatRunsAloneWaitsForTheRunningOnesAndHoldsUpLaterOnes() throws Exception {
        MaildropLeases pool = new MaildropLeases(TARGET.accounts());
        AccountLease noAccount = pool.lease(check("SMTP-NOOP", 1, false), TARGET, LONG);
        CompletableFuture<AccountLease> alone = CompletableFuture.supplyAsync(
                () -> pool.lease(alone("E2E-LOAD-MODEL"), TARGET, LONG), OWN_THREAD);
        awaitWaiting(pool, 1);
        CompletableFuture<AccountLease> later = CompletableFuture.supplyAsync(() -> pool.lease(check("SMTP-EHLO-OK", 1, false), TARGET, LONG), OWN_THREAD);
        awaitWaiting(pool, 2);
        assertFalse(alone.isDone(), "SMTP-NOOP still runs, though it holds no account");
        noAccount.close();
        pool.finished("SMTP-NOOP");
        assertEquals(List.of(MH2), alone.get(5, TimeUnit.SECONDS).accounts());
        assertFalse(later.isDone(), "nothing starts while the lone check runs");
        pool.finished("E2E-LOAD-MODEL");
        later.get(5, TimeUnit.SECONDS);
    }

    @Test
    void theCheckThatRunsLastWaitsLongerThanTheLeaseWaitWhileTheOthersKeepFinishing() throws Exception {
        MaildropLeases pool = new MaildropLeases(TARGET.accounts(), Set.of("SMTP-DATA-OK", "SMTP-NOOP"));
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try {
            clock.schedule(() -> pool.finished("SMTP-DATA-OK"), 1000, TimeUnit.MILLISECONDS);
            clock.schedule(() -> pool.finished("SMTP-NOOP"), 2000, TimeUnit.MILLISECONDS);
            AccountLease last = assertDoesNotThrow( // a SKIP here would hide the failure
                    () -> pool.lease(check("E2E-ONEMSG", Check.EVERY_MAILDROP, true), TARGET, Duration.ofMillis(1500)));
            assertEquals(List.of(MH1, MH2, MH3), last.accounts(), "granted 2 s in: each finish gave it the lease wait again");
        } finally {
            clock.shutdownNow();
        }
    }

    @Test
    void theCheckThatRunsLastNamesTheChecksItWaitedFor() {
        MaildropLeases pool = new MaildropLeases(TARGET.accounts(), Set.of("SMTP-SMUG-BDAT"));
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> pool.lease(check("E2E-ONEMSG", Check.EVERY_MAILDROP, true), TARGET, Duration.ofMillis(200)));
        assertTrue(skipped.getMessage().contains("after SMTP-SMUG-BDAT"), skipped.getMessage());
    }

    @Test
    void aWaitInVainSkipsWithTheReason() {
        TargetSettings one = target(MH1);
        MaildropLeases pool = new MaildropLeases(one.accounts());
        pool.lease(check("POP-STAT-FMT", 1, false), one, LONG);
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> pool.lease(check("POP-LIST-FMT", 1, false), one, Duration.ofMillis(200)));
        assertTrue(skipped.getMessage().startsWith("no maildrop free within 200 ms: waited for 1 of mh1@mh.test"), skipped.getMessage());
    }

    @Test
    void closingTwiceGivesBackOnce() {
        MaildropLeases pool = new MaildropLeases(List.of(MH1, MH2));
        TargetSettings two = target(MH1, MH2);
        AccountLease lease = pool.lease(check("SMTP-DATA-OK", 1, true), two, LONG);
        lease.close();
        lease.close();
        pool.lease(check("SMTP-DATA-OK", 1, true), two, LONG);
        assertThrows(TestAbortedException.class, () -> pool.lease(check("SMTP-DATA-NOEXTRA", 1, true), two, Duration.ofMillis(100)));
    }

    private static void awaitWaiting(MaildropLeases pool, int checks) {
        org.awaitility.Awaitility.await("checks waiting").atMost(Duration.ofSeconds(5)).until(() -> pool.waiting() == checks);
    }

    private static CheckMetadata alone(String id) {
        return new CheckMetadata(id, List.of("5321"), "1", "t", "g", Level.MUST, "r", List.of(Mode.MUTATES_MAILBOX), 1, true);
    }

    private static CheckMetadata check(String id, int maildrops, boolean mutates) {
        return new CheckMetadata(id, List.of("5321"), "1", "t", "g", Level.MUST, "r",
                List.of(mutates ? Mode.MUTATES_MAILBOX : Mode.READ_ONLY), maildrops, false);
    }

    private static TargetSettings target(Account... accounts) {
        return new TargetSettings("t", "test", "mh.test", Optional.empty(), Optional.empty(), TlsSettings.verifying(),
                Timeouts.defaults(), List.of(accounts));
    }
}
