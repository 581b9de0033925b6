package io.mailharness.gatling.netty;

import io.mailharness.client.SmtpReply;
import io.mailharness.gatling.check.SmtpStage;

import java.util.List;

/**
 * How one mail transaction ended once every reply it asked for was in: accepted (the end-of-data reply was as
 * expected), or refused at a stage with the reply that refused it (for RCPT, the last refusal when no recipient was
 * accepted). A transaction whose step failed has no result: its future fails instead.
 *
 * @param stoppedAt            the stage that refused the transaction; null when accepted
 * @param finalReply           the end-of-data reply when accepted, else the refusing reply
 * @param acceptedForwardPaths the recipients the server accepted, in the order sent
 * @param pipelined            whether MAIL, RCPT and DATA went in one write (RFC 2920)
 */
public record SmtpTransactionResult(SmtpStage stoppedAt, SmtpReply finalReply, List<String> acceptedForwardPaths, boolean pipelined,
                                    long startNanos, long endNanos) {

    public boolean accepted() {
        return stoppedAt == null;
    }

    public long nanos() {
        return endNanos - startNanos;
    }
}
