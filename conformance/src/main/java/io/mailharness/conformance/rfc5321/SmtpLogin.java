package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.esmtp.Extensions;

/** A session on which SMTP AUTH (RFC 4954) is offered, for the rows that authenticate. */
final class SmtpLogin {
    private SmtpLogin() {}

    /**
     * A fresh connection, EHLO'd, on which AUTH is offered: in clear when the server lists it there, otherwise
     * inside TLS after STARTTLS (RFC 4954 §4 keeps plaintext mechanisms out of clear channels). SKIPs when neither.
     */
    static Extensions.Session offeringAuth(CheckContext check) {
        Extensions.Session clear = Extensions.greetedInClear(check);
        if (Extensions.advertises(clear.ehlo(), "AUTH")) return clear;
        if (!Extensions.advertises(clear.ehlo(), "STARTTLS")) check.skip("AUTH is not offered, and STARTTLS is not either");
        clear.smtp().close();
        Extensions.Session secured = Extensions.secured(check);
        Extensions.requireAdvertised(check, secured.ehlo(), "AUTH");
        return secured;
    }
}
