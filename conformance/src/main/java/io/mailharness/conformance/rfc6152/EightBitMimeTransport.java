package io.mailharness.conformance.rfc6152;

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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

@Section(rfc = "6152", number = "3", title = "The 8bit-MIMEtransport Service Extension")
public class EightBitMimeTransport {
    /* §3: MAIL with BODY=8BITMIME opens a transaction whose 8-bit content is delivered unchanged; other BODY values are errors. */
    @Check(id = "SMTP-8BIT-USE", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "MAIL BODY=8BITMIME with an 8-bit body gets 250 and is stored byte for byte; BODY=9BIT gets 501 or 555")
    void eightBitBody(CheckContext check) {
        Account account = check.disposableAccount();
        byte[] body = "Gr\u00fc\u00dfe aus M\u00fcnchen, \u00e9t\u00e9 \u00e0 Paris: 8-bit octets in the body\r\n".getBytes(StandardCharsets.ISO_8859_1);
        TestMessage message = check.mailbox().message(account, "8BITMIME", body);
        deliverEightBit(check, account, message);
        check.mailbox().await(account, message.id()).expectBodyHolds(message.content());

        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.send("MAIL FROM:<sender@" + check.domain() + "> BODY=9BIT").expectCodeElseWarn(5, 501, 555);
        smtp.quitQuietly();
    }

    /* RFC 6152 with RFC 1939 §3: every octet 0x80-0xFF sent with BODY=8BITMIME comes back unchanged by RETR. */
    @Check(id = "E2E-8BIT", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "a BODY=8BITMIME message with every octet 0x80-0xFF comes back by RETR byte for byte")
    void eightBitRoundTrip(CheckContext check) {
        Account account = check.disposableAccount();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int high = 0x80; high <= 0xFF; high += 32) {
            body.writeBytes("octets: ".getBytes(StandardCharsets.US_ASCII));
            for (int b = high; b < high + 32; b++) body.write(b);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        TestMessage message = check.mailbox().message(account, "every 8-bit octet", body.toByteArray());
        deliverEightBit(check, account, message);
        check.mailbox().await(account, message.id()).expectBodyHolds(message.content());
    }

    private static void deliverEightBit(CheckContext check, Account account, TestMessage message) {
        Extensions.Session session = Extensions.offering(check, "8BITMIME");
        SmtpProbe smtp = session.smtp();
        smtp.send("MAIL FROM:<sender@" + check.domain() + "> BODY=8BITMIME").expectCode(250);
        smtp.rcpt(account.address()).expectCode(250, 251);
        smtp.data();
        SmtpWireReply end = smtp.content(message.content());
        end.expectCode(250);
        smtp.send("QUIT");
    }
}
