package io.mailharness.record;

/**
 * What one injector knows of one harness message: whether it sent it and the server accepted it, and
 * how often and how intact it saw it arrive. Merging traces with the same id across injectors gives the
 * whole story of a message.
 *
 * @param id              the harness id carried in the message
 * @param digest          SHA-256 (hex) of the content as sent; empty when this injector did not send it
 * @param acceptedAtMillis epoch millis of the 250 to end-of-data; -1 if not sent here or not accepted
 * @param firstSeenAtMillis epoch millis of the first retrieval seen here; -1 if none
 * @param retrievals      how many times this injector retrieved it
 * @param corruptedRetrievals how many of those retrievals did not match the digest
 */
public record MessageTrace(String id, String digest, long acceptedAtMillis, long firstSeenAtMillis, int retrievals, int corruptedRetrievals) {}
