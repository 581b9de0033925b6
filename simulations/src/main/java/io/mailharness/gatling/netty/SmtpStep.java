package io.mailharness.gatling.netty;

import io.mailharness.client.MailProtocolException;
import io.mailharness.client.SmtpReply;
import io.mailharness.gatling.check.SmtpStage;

/**
 * How one SMTP stage ended: the server's reply, or the failure that ended the connection instead (exactly one of
 * the two is set), and when. A stage that needs several exchanges (AUTH LOGIN, STARTTLS with its handshake) is one
 * step, timed from its first command to its end.
 */
public record SmtpStep(SmtpStage stage, SmtpReply reply, MailProtocolException failure, long startNanos, long endNanos) implements Step {

    @Override
    public String label() {
        return stage.label();
    }

    @Override
    public String replyLine() {
        return reply == null ? null : reply.firstLine();
    }

    /** Whether the stage got the reply it expects by default ({@link SmtpStage#defaultExpectation()}). */
    public boolean meetsDefaultExpectation() {
        return reply != null && stage.defaultExpectation().matches(reply);
    }

    @Override
    public String toString() {
        return label() + " " + (failed() ? failure.getMessage() : replyLine()) + " in " + nanos() / 1000 + " µs";
    }
}
