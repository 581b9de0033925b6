package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "3.1", title = "Session Initiation")
public class SessionInitiation {
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
