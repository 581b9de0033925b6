package io.mailharness.gatling.netty;

import io.mailharness.client.MailProtocolException;
import io.mailharness.client.Pop3Reply;
import io.mailharness.gatling.check.Pop3Stage;

/**
 * How one POP3 command ended: the server's response (for LIST and UIDL with the listing's lines, as received), or the
 * failure that ended the connection instead (exactly one of the two is set), and when. RETR and TOP answered +OK
 * also carry what was {@link RetrievedMessage retrieved}; a RETR cut off part way, what had arrived of it.
 */
public record Pop3Step(Pop3Stage stage, Pop3Reply reply, RetrievedMessage message, MailProtocolException failure, long startNanos, long endNanos)
        implements Step {

    @Override
    public String label() {
        return stage.label();
    }

    @Override
    public String replyLine() {
        return reply == null ? null : reply.statusLine();
    }

    /** Whether the server answered +OK. */
    public boolean isOk() {
        return reply != null && reply.isOk();
    }

    @Override
    public String toString() {
        return label() + " " + (failed() ? failure.getMessage() : replyLine()) + " in " + nanos() / 1000 + " µs";
    }
}
