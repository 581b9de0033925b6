package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.Fault;

/** Hook: sees every reply before it is written and may replace it (code, lines, or what follows). */
public interface SmtpReplyFault extends Fault {

    /** Returns {@code reply} unchanged when the fault does not apply here. */
    SmtpReply rewrite(SmtpStage stage, SmtpReply reply, SmtpState state);
}
