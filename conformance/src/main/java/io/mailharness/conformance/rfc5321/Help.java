package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "4.1.1.8", title = "HELP (HELP)")
public class Help {
    /*
     * §4.1.1.7 EXPN, §4.1.1.8 HELP, §4.3.2: EXPN S: 250, 252; E: 550, 500, 502, 504; HELP S: 211, 214;
     * E: 502, 504.
     */
    @Check(id = "SMTP-EXPN-HELP", level = Level.SHOULD,
            requirement = "EXPN answers 250/252/550 (or 500/502 when not offered); HELP answers 211/214 (502/504 tolerated)")
    void expandAndHelp(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.send("EXPN list").expectCode(250, 252, 550, 500, 502, 504);
        smtp.send("HELP").expectCode(211, 214, 502, 504);
        smtp.send("HELP MAIL").expectCode(211, 214, 502, 504);
        smtp.send("QUIT");
    }
}
