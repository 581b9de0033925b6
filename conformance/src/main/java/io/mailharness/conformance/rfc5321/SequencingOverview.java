package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpSyntax;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.message.TestMessage;
import io.mailharness.protocol.DotStuffing;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.util.ArrayList;
import java.util.List;

import static io.mailharness.conformance.wire.Octets.ascii;
import static io.mailharness.conformance.wire.Octets.concat;

@Section(rfc = "5321", number = "4.3.1", title = "Sequencing Overview")
public class SequencingOverview {
    /*
     * §3.1, §4.3.1: a server willing to talk opens with a 220 reply; §4.2 Greeting: the first word after
     * the code is the server's Domain or an address literal.
     */
    @Check(id = "SMTP-GRT-220", level = Level.MUST,
            requirement = "the greeting is a 220 reply whose first word is the server's domain or an address literal")
    void greeting220(CheckContext check) {
        SmtpProbe smtp = check.smtp();
        SmtpWireReply greeting = smtp.greeting().expectCode(220);
        for (WireLine line : greeting.lines()) {
            if (!line.text().startsWith("220")) throw check.fail("greeting", "220 on every line", line.visible());
        }
        String name = SmtpSyntax.firstToken(greeting.lines().get(0));
        if (!SmtpSyntax.isDomain(name) && !SmtpSyntax.isAddressLiteral(name)) {
            throw check.fail("greeting", "'220 <Domain or address-literal> ...'", greeting.describe());
        }
        smtp.send("QUIT");
    }

    /*
     * RFC 2920 §3.1: DATA ends a command group, so a client waits for 354; 5321 §4.3.1 lets a server refuse input
     * that runs ahead (554 and close). Record what the server does with a second transaction, message and all,
     * written right behind the end of data, and with MAIL written in one go with EHLO.
     */
    @Check(id = "SMTP-SMUG-SYNC", level = Level.INFO, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "record: a transaction sent without waiting for 354, and MAIL sent with EHLO, are processed or refused (554 + close)")
    void synchronisation(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage first = check.mailbox().message(account, "sync first", ascii("body\r\n"));
        TestMessage second = check.mailbox().message(account, "sync second", ascii("body\r\n"));
        String sender = check.sender();
        List<String> replies = new ArrayList<>();
        try (SmtpProbe smtp = check.smtpAfterEhlo()) {
            smtp.startData(sender, account.address());
            smtp.write(concat(DotStuffing.dataSection(first.content()),
                    ascii("MAIL FROM:<" + sender + ">\r\nRCPT TO:<" + account.address() + ">\r\nDATA\r\n"),
                    DotStuffing.dataSection(second.content())));
            for (String step : new String[] {"end of data", "MAIL", "RCPT", "DATA", "second end of data"}) {
                SmtpWireReply reply = smtp.readReply(step + " (written in one go)");
                replies.add(step + " -> " + reply.describe());
                if (!reply.isComplete()) break;
            }
            smtp.quitQuietly();
        }
        check.observe("after the end of data, one write of MAIL, RCPT, DATA, message: " + String.join("; ", replies));
        for (String line : replies) {
            if (line.startsWith("end of data -> 250")) check.mailbox().await(account, first.id());
            if (line.startsWith("second end of data -> 250")) check.mailbox().await(account, second.id());
        }
        try (SmtpProbe smtp = check.smtp()) {
            smtp.greeted();
            smtp.write("EHLO " + SmtpProbe.CLIENT_DOMAIN + "\r\nMAIL FROM:<" + sender + ">\r\n");
            SmtpWireReply ehlo = smtp.readReply("EHLO (MAIL in the same write)");
            SmtpWireReply mail = ehlo.isComplete() ? smtp.readReply("MAIL (written with EHLO)") : ehlo;
            check.observe("one write of EHLO and MAIL: EHLO -> " + ehlo.describe() + "; MAIL -> " + mail.describe());
            smtp.quitQuietly();
        }
    }
}
