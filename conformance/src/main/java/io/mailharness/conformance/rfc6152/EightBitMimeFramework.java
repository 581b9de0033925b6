package io.mailharness.conformance.rfc6152;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.result.Level;

@Section(rfc = "6152", number = "2", title = "Framework for the 8-bit MIME Transport Extension")
public class EightBitMimeFramework {
    /*
     * RFC 6152 §2 and RFC 5321 §2.4: 8BITMIME SHOULD be supported and is announced by EHLO. RFC 6531 §3.1
     * item 8: a server that announces SMTPUTF8 MUST also announce 8BITMIME.
     */
    @Check(id = "SMTP-EXT-ADV", level = Level.MUST,
            requirement = "EHLO lists 8BITMIME (absent: WARN); a server listing SMTPUTF8 must list 8BITMIME")
    void advertised(CheckContext check) {
        Extensions.Session session = Extensions.greeted(check);
        boolean eightBit = Extensions.advertises(session.ehlo(), "8BITMIME");
        boolean utf8 = Extensions.advertises(session.ehlo(), "SMTPUTF8");
        session.smtp().send("QUIT");
        if (utf8 && !eightBit) throw check.fail("EHLO", "8BITMIME listed, since SMTPUTF8 is", session.ehlo().describe());
        if (!eightBit) check.warn("EHLO", "8BITMIME listed (RFC 5321 §2.4: SHOULD be supported)", session.ehlo().describe());
    }
}
