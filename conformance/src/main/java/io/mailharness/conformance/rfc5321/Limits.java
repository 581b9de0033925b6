package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.reports.conformance.Level;

@Section(rfc = "5321", number = "4.5.3.1", title = "Size Limits and Minimums")
public class Limits {
    /* §4.5.3.1.4: a command line of 512 octets including CRLF must be accepted; §4.3.2: "too long" below that violates it. */
    @Check(id = "SMTP-LIM-CMD512", level = Level.MUST, section = "4.5.3.1.4",
            requirement = "a 512-octet command line (NOOP padded, CRLF included) gets 250")
    void commandLineOf512Octets(CheckContext check) {
        SmtpProbe smtp = check.smtpAfterEhlo();
        String line = "NOOP " + "x".repeat(512 - "NOOP ".length() - 2);
        smtp.sendRaw(line + "\r\n").expectCode(250);
        smtp.send("QUIT");
    }
}
