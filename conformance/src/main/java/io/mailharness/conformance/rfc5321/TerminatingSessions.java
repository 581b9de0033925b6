package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "3.8", title = "Terminating Sessions and Connections")
public class TerminatingSessions {
    /*
     * §3.8: a server closes the connection only after QUIT (221), when it has to shut down (421, "service not
     * available, closing transmission channel") or after a timeout; an error reply such as 500 "MUST NOT" end the
     * session by itself. One error per connection, so that anti-abuse error budgets play no part.
     */
    @Check(id = "SMTP-INV-CLOSE", level = Level.MUST,
            requirement = "an ordinary error reply (500, 501, 503) leaves the connection open; the server closes only after 221 or 421")
    void noCloseAfterErrors(CheckContext check) {
        for (String command : new String[] {"XYZZY", "MAIL FROM:<bad", "RCPT TO:<" + check.account().address() + ">"}) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                SmtpWireReply error = smtp.send(command);
                if (error.code() == 421) {
                    smtp.quitQuietly();
                    continue; // refused and closing, announced by 421: allowed
                }
                if (!error.isComplete()) throw check.fail(command, "one complete reply, the connection left open", error.describe());
                SmtpWireReply noop = smtp.sendOneReply("NOOP"); // any reply: what NOOP answers is the NOOP row's business
                if (noop.closed() || smtp.isClosedByPeer()) {
                    throw check.fail("NOOP after '" + command + "' -> " + error.code(),
                            "the connection still open (a close only after 221 or 421)", "the server closed it after a " + error.code() + " reply");
                }
                smtp.send("QUIT").expectCode(221);
            }
        }
    }
}
