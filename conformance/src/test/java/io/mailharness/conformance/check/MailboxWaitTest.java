package io.mailharness.conformance.check;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MailboxWaitTest {
    @Test
    void aLookStillUnderWayWhenTheWaitTimesOutIsOverBeforeTheCheckGoesOn() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        assertThrows(ConditionTimeoutException.class, () -> Mailbox.looking("a slow maildrop", Duration.ofMillis(100)).until(() -> {
            started.incrementAndGet();
            never.await(300, TimeUnit.MILLISECONDS); // one look, slower than the whole wait
            finished.incrementAndGet();
            return false;
        }));
        assertEquals(started.get(), finished.get(), "no look is left running to change what the check judges next");
    }
}
