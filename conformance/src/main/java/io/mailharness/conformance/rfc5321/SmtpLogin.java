package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.esmtp.Extensions;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.settings.Account;
import io.mailharness.settings.SmtpAuthMechanism;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/** SMTP AUTH (RFC 4954) with the mechanism the target settings name, on a probe that has said EHLO. */
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

    /** Runs the SASL exchange and returns the final reply (235 on success). */
    static SmtpWireReply authenticate(SmtpProbe smtp, SmtpAuthMechanism mechanism, Account account) {
        return switch (mechanism) {
            case PLAIN -> smtp.send("AUTH PLAIN " + b64("\0" + account.user() + "\0" + account.password()));
            case LOGIN -> {
                SmtpWireReply reply = smtp.send("AUTH LOGIN");
                if (reply.code() != 334) yield reply;
                reply = smtp.send(b64(account.user()));
                yield reply.code() == 334 ? smtp.send(b64(account.password())) : reply;
            }
            case CRAM_MD5 -> {
                SmtpWireReply reply = smtp.send("AUTH CRAM-MD5");
                if (reply.code() != 334) yield reply;
                String challenge = new String(Base64.getMimeDecoder().decode(reply.text().strip()), StandardCharsets.UTF_8);
                yield smtp.send(b64(account.user() + " " + hmacMd5(account.password(), challenge)));
            }
        };
    }

    /** Starts another AUTH exchange without credentials and cancels it with "*" if the server asks for them. */
    static SmtpWireReply authenticateAgain(SmtpProbe smtp, SmtpAuthMechanism mechanism) {
        SmtpWireReply reply = smtp.send("AUTH " + mechanism.wireName());
        if (reply.code() == 334) smtp.send("*"); // RFC 4954 §4: "*" cancels the exchange
        return reply;
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmacMd5(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }
}
