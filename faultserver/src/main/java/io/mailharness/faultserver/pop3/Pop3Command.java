package io.mailharness.faultserver.pop3;

import java.io.IOException;

/** One POP3 command verb. The registry checks the session state before calling it. */
@FunctionalInterface
public interface Pop3Command {

    /** @param argument the text after the verb and one SP; may be empty */
    void execute(Pop3Session session, String argument) throws IOException;
}
