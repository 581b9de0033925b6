package io.mailharness.faultserver.pop3;

import io.mailharness.faultserver.Fault;

/** Hook: sees every POP3 response before it is written and may replace it. */
public interface Pop3ReplyFault extends Fault {

    /** Returns {@code reply} unchanged when the fault does not apply here. */
    Pop3Reply rewrite(Pop3Stage stage, Pop3Reply reply, Pop3State state);
}
