package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

@Section(rfc = "5321", number = "4.1.1.10", title = "QUIT (QUIT)")
public class Quit {
    /* §4.1.1.10: "The receiver MUST send a "221 OK" reply, and then close the transmission channel." */
    @Check(id = "SMTP-QUIT", level = Level.MUST,
            requirement = "QUIT gets 221, then the server closes the connection")
    void quitClosesAfter221(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.send("QUIT").expectCode(221);
        smtp.expectClosed("after 221", check.closeWait());
    }

    /*
     * §4.1.1.10: QUIT "MUST" cancel a pending transaction; §3.8 and §4.1.1.4: a connection lost before the end
     * of the data is no delivery either. The check delivers a sentinel afterwards and looks once it arrived.
     */
    @Check(id = "SMTP-SEQ-ABORT", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "a transaction ended by QUIT, or by a close in the middle of the data, delivers nothing")
    void abortedTransactionsDeliverNothing(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage aborted = check.mailbox().message(account, "aborted", "first half\r\nsecond half\r\n".getBytes(StandardCharsets.US_ASCII));
        TestMessage sentinel = check.mailbox().message(account, "sentinel", "after the aborts\r\n".getBytes(StandardCharsets.US_ASCII));
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.openTransaction(check.sender(), account.address());
            smtp.send("QUIT").expectCode(221);
            smtp.expectClosed("after 221", check.closeWait());
        }
        try (SmtpProbe smtp = check.smtpInData(account)) {
            byte[] content = aborted.content();
            smtp.write(Arrays.copyOf(content, content.length - "second half\r\n".length()));
        }
        check.mailbox().deliver(account, sentinel);
        check.mailbox().await(account, sentinel.id());
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        if (check.mailbox().find(pop3, aborted.id()).isPresent()) {
            throw check.fail("look for the message whose DATA was cut off", "not delivered", "delivered");
        }
        pop3.send("QUIT");
    }
}
