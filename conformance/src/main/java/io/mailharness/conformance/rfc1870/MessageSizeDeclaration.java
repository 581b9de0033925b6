package io.mailharness.conformance.rfc1870;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

@Section(rfc = "1870", number = "6", title = "The Extended MAIL Command")
public class MessageSizeDeclaration {
    /*
     * §4, §6: EHLO lists "SIZE [limit]"; a MAIL whose SIZE= exceeds the fixed limit gets 552 (452 when the limit
     * is temporary) and opens no transaction, so RCPT then is refused; a malformed SIZE value is a syntax error.
     */
    @Check(id = "SMTP-SIZE-DECL", level = Level.MUST, modes = Mode.ANTI_ABUSE,
            requirement = "MAIL with SIZE above the advertised limit gets 552 (or 452) and no transaction; SIZE=abc and SIZE= get 501 or 555")
    void declaredSize(CheckContext check) {
        String sender = check.sender();
        Extensions.Session session = Extensions.offering(check, "SIZE");
        Optional<Long> limit = Extensions.parameter(session.ehlo(), "SIZE").filter(v -> v.matches("[0-9]{1,18}")).map(Long::parseLong);
        SmtpProbe smtp = session.smtp();
        if (limit.isPresent() && limit.get() > 0 && limit.get() < Long.MAX_VALUE) {
            smtp.send("MAIL FROM:<" + sender + "> SIZE=" + (limit.get() + 1)).expectCode(552, 452);
            smtp.rcpt(check.account().address()).expectClass(5); // no transaction (503 exactly: SMTP-SEQ-RCPT-NOMAIL)
        } else {
            check.observe("SIZE is advertised without a fixed limit (" + Extensions.keywords(session.ehlo()).parameter("SIZE").orElse("") + "): the over-limit MAIL is not tried");
        }
        smtp.quitQuietly();
        SmtpProbe syntax = check.smtpAfterEhlo();
        syntax.send("MAIL FROM:<" + sender + "> SIZE=abc").expectCodeElseWarn(5, 501, 555);
        syntax.send("MAIL FROM:<" + sender + "> SIZE=").expectCodeElseWarn(5, 501, 555);
        syntax.quitQuietly();
    }

    /*
     * §6: the SIZE value is an estimate, not a framing: the server reads the message data to end-of-data whatever
     * was declared, then answers once (250, or 552 when it enforces the declared size) and stays in step.
     */
    @Check(id = "SMTP-SIZE-LIE", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "SIZE=100 followed by 5000 octets: one reply after end-of-data (250 or 552), and the next command is answered normally")
    void sizeIsNotFraming(CheckContext check) {
        Account account = check.disposableAccount();
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < 5000; i++) body.append("line ").append(i).append(" of a message larger than its declared SIZE\r\n");
        TestMessage message = check.mailbox().message(account, "SIZE is not framing", body.toString().getBytes(StandardCharsets.US_ASCII));
        Extensions.Session session = Extensions.offering(check, "SIZE");
        SmtpProbe smtp = session.smtp();
        smtp.send("MAIL FROM:<sender@" + check.domain() + "> SIZE=100").expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.data();
        SmtpWireReply end = smtp.content(message.content()).expectCode(250, 552);
        smtp.expectSilence("after the reply to the end of data (SIZE is no framing: the whole message was data)", check.silence());
        smtp.expectSessionGoesOn("afterwards");
        smtp.send("QUIT");
        if (end.code() == 250) check.mailbox().await(account, message.id());
    }
}
