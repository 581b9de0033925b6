package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpSyntax;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "3.1", title = "Session Initiation")
public class SessionInitiation {
    /*
     * §3.1, §4.3.1: a server willing to talk opens with a 220 reply; §4.2 Greeting: the first word after
     * the code is the server's Domain or an address literal.
     */
    @Check(id = "SMTP-GRT-220", level = Level.MUST, section = "4.3.1",
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

    /* §4.3.1: the client SHOULD wait for the greeting; a server may process early input or refuse it (554). */
    @Check(id = "SMTP-GRT-EARLY", level = Level.INFO, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "record: EHLO sent before the greeting is processed normally, or refused (554) and closed")
    void earlyTalker(CheckContext check) {
        SmtpProbe smtp = check.smtpBeforeGreeting();
        smtp.write("EHLO " + SmtpProbe.CLIENT_DOMAIN + "\r\n");
        SmtpWireReply greeting = smtp.readReply("greeting (EHLO already sent)");
        SmtpWireReply ehlo = greeting.isComplete() ? smtp.readReply("EHLO sent before the greeting") : greeting;
        check.observe("greeting -> " + greeting.describe() + "; early EHLO -> " + ehlo.describe()
                + (ehlo.code() == 250 ? " (processed)" : ehlo.code() == 554 ? " (refused)" : ""));
        smtp.quitQuietly();
    }
}
