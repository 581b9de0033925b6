package io.mailharness.record;

/**
 * The delivery ledger: what happened to every message the harness sent.
 *
 * @param sent       transactions started (MAIL FROM issued)
 * @param accepted   end-of-data answered 250 (one per accepted transaction)
 * @param rejected   not accepted: refused at some stage (4xx/5xx), failed (timeout, dropped connection, a reply that
 *                   breaks the protocol), or cut off, before a 250 to end-of-data
 * @param retrieved  accepted messages seen at least once by POP3
 * @param intact     retrieved with the same digest as sent
 * @param corrupted  retrieved with a different digest
 * @param duplicated accepted messages retrieved more than once
 * @param lost       accepted but not retrieved within the run's grace period
 */
public record Ledger(long sent, long accepted, long rejected, long retrieved, long intact, long corrupted, long duplicated, long lost) {
    public static final Ledger EMPTY = new Ledger(0, 0, 0, 0, 0, 0, 0, 0);
}
