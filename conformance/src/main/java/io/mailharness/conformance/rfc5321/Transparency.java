package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;

import static io.mailharness.conformance.wire.Octets.ascii;

@Section(rfc = "5321", number = "4.5.2", title = "Transparency")
public class Transparency {
    /* §4.5.2: the receiver removes the first "." of every line that starts with one; nothing else changes. */
    @Check(id = "SMTP-DATA-DOTSTUFF", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "stuffed lines '..', '...', '..x', and the last line '..' are stored as '.', '..', '.x', '.'; 'x.' and ' .' unchanged")
    void dotUnstuffing(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "dot unstuffing", ascii(".\r\n..\r\n.x\r\nx.\r\n .\r\n.\r\n"));
        byte[] wire = ascii(new String(message.content(), StandardCharsets.ISO_8859_1).replace("\r\n.", "\r\n..") + ".\r\n");
        SmtpProbe smtp = check.smtpInData(account);
        smtp.write(wire);
        smtp.readReply("stuffed body, then .CRLF").expectCode(250);
        smtp.send("QUIT");
        check.mailbox().await(account, message.id()).expectBodyHolds(message.content());
    }
}
