package io.mailharness.conformance.rfc2920;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.CheckFailure;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

@Section(rfc = "2920", number = "3.2", title = "Server support of pipelining")
public class ServerPipelining {
    /*
     * §3.2: a server that offers PIPELINING answers every command of a group, each reply in the order of the
     * commands, and the outcome of each command is the one it would have had sent alone (a refused RCPT does
     * not disturb the RCPT after it or the DATA).
     */
    @Check(id = "SMTP-PIPE-ORDER", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "a pipelined MAIL, RCPT, RCPT, DATA group gets one reply per command, in order, also with one RCPT refused")
    void repliesInOrder(CheckContext check) {
        Account account = check.disposableAccount();
        String sender = check.sender();
        String unknown = "no-such-user-" + UUID.randomUUID().toString().substring(0, 8) + "@" + check.domain();

        Extensions.Session session = Extensions.offering(check, "PIPELINING");
        SmtpProbe smtp = session.smtp();
        TestMessage first = check.mailbox().message(account, "pipelined group", "one write\r\n".getBytes(StandardCharsets.US_ASCII));
        smtp.write("MAIL FROM:<" + sender + ">\r\nRCPT TO:<" + account.address() + ">\r\nRCPT TO:<" + account.address() + ">\r\nDATA\r\n");
        smtp.readReply("MAIL FROM:<" + sender + "> (pipelined)").expectCode(250);
        smtp.readReply("RCPT TO:<" + account.address() + "> (pipelined)").expectCode(250, 251);
        smtp.readReply("RCPT TO:<" + account.address() + "> again (pipelined)").expectCode(250, 251);
        smtp.readReply("DATA (pipelined)").expectCode(354);
        smtp.contentOneReply(first.content()).expectCode(250);

        TestMessage second = check.mailbox().message(account, "pipelined group with a refused RCPT", "one write, one bad recipient\r\n".getBytes(StandardCharsets.US_ASCII));
        smtp.write("MAIL FROM:<" + sender + ">\r\nRCPT TO:<" + unknown + ">\r\nRCPT TO:<" + account.address() + ">\r\nDATA\r\n");
        smtp.readReply("MAIL FROM:<" + sender + "> (pipelined)").expectCode(250);
        SmtpWireReply refused = smtp.readReply("RCPT TO:<" + unknown + "> (pipelined)");
        if (refused.replyClass() == 2) {
            check.observe("the unknown recipient was accepted (" + refused.describe() + "); the group still had to be answered in order");
        } else {
            refused.expectClass(5);
        }
        smtp.readReply("RCPT TO:<" + account.address() + "> (pipelined)").expectCode(250, 251);
        smtp.readReply("DATA (pipelined)").expectCode(354);
        smtp.content(second.content()).expectCode(250);
        smtp.send("QUIT");
        check.mailbox().await(account, first.id());
        check.mailbox().await(account, second.id());
    }

    /*
     * §3.2 with §3.1: when every RCPT of a group is refused, the DATA that follows gets 503 or 554; a server
     * that answers 354 anyway must not accept the (empty) message for nobody.
     */
    @Check(id = "SMTP-PIPE-REJALL", level = Level.MUST,
            requirement = "a pipelined group whose RCPTs are all refused gets 5yz for each RCPT and 503 or 554 for DATA")
    void allRecipientsRefused(CheckContext check) {
        Extensions.Session session = Extensions.offering(check, "PIPELINING");
        SmtpProbe smtp = session.smtp();
        String sender = check.sender();
        String unknown = "no-such-user-" + UUID.randomUUID().toString().substring(0, 8) + "@" + check.domain();
        // one refused RCPT and DATA: two errors, within the budget of servers that close after a third
        smtp.write("MAIL FROM:<" + sender + ">\r\nRCPT TO:<" + unknown + ">\r\nDATA\r\n");
        // a pipelined MAIL accepted, and every command of the group answered, is SMTP-PIPE-ORDER's rule
        check.preamble(() -> smtp.readReply("MAIL FROM:<" + sender + "> (pipelined)").expectCode(250));
        SmtpWireReply first = smtp.readReply("RCPT TO:<" + unknown + "> (pipelined)");
        SmtpWireReply data = smtp.readReply("DATA (pipelined)");
        if (data.closed() && first.isComplete()) {
            throw CheckContext.blocked(new CheckFailure(data.step(), "a reply (the group answered in full)", data.describe()));
        }
        if (first.replyClass() == 2) {
            if (data.code() == 354) smtp.close(); // abandon the transaction: nothing is delivered without end-of-data
            check.skip("the server accepts an unknown local recipient (" + first.describe() + "), so no group with every RCPT refused can be made");
        }
        first.expectClass(5);
        if (data.code() == 354) {
            check.warn(data.step(), "reply code 503 or 554 (no valid recipient)", data.describe());
            smtp.write(".\r\n");
            SmtpWireReply end = smtp.readReply("<empty message> CRLF.CRLF");
            if (end.replyClass() == 2) throw check.fail(end.step(), "the message for no recipient is refused", end.describe());
        } else {
            data.expectCode(503, 554);
        }
        smtp.send("QUIT");
    }

    /* §3.2 (1): the server never flushes or otherwise loses what the client sent ahead of a reply. */
    @Check(id = "SMTP-PIPE-NOLOSS", level = Level.MUST,
            requirement = "eight RSETs in one write get eight 250 replies in order: nothing sent ahead is lost")
    void noInputLost(CheckContext check) {
        Extensions.Session session = Extensions.offering(check, "PIPELINING");
        SmtpProbe smtp = session.smtp();
        smtp.write("RSET\r\n".repeat(8));
        for (int i = 1; i <= 8; i++) smtp.readReply("RSET (" + i + " of 8, pipelined)").expectCode(250);
        smtp.send("QUIT");
    }
}
