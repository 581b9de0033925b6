package io.mailharness.conformance.wire;

import io.mailharness.settings.Account;
import io.mailharness.settings.SmtpAuthMechanism;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SASL exchanges the probes speak: the PLAIN message (RFC 4616), and SMTP AUTH (RFC 4954) with the mechanism
 * the target settings name (PLAIN, LOGIN, CRAM-MD5). Credentials never reach a step name: the probes mask them.
 */
public final class Sasl {
    private Sasl() {}

    /** The SASL PLAIN message for a login, base64: {@code NUL user NUL password}. */
    public static String plain(String user, String password) {
        return base64("\0" + user + "\0" + password);
    }

    public static String plain(Account account) {
        return plain(account.user(), account.password());
    }

    /** {@code AUTH PLAIN <initial response>} for the account; the step shown in verdicts has the response masked. */
    public static SmtpWireReply authPlain(SmtpProbe smtp, Account account) {
        smtp.write("AUTH PLAIN " + plain(account) + "\r\n");
        return smtp.readReply("AUTH PLAIN ****");
    }

    /** Runs the SMTP AUTH exchange with {@code mechanism} and returns the final reply (235 on success). */
    public static SmtpWireReply authenticate(SmtpProbe smtp, SmtpAuthMechanism mechanism, Account account) {
        return switch (mechanism) {
            case PLAIN -> authPlain(smtp, account);
            case LOGIN -> {
                SmtpWireReply reply = smtp.send("AUTH LOGIN");
                if (reply.code() != 334) yield reply;
                reply = smtp.send(base64(account.user()));
                yield reply.code() == 334 ? smtp.send(base64(account.password())) : reply;
            }
            case CRAM_MD5 -> {
                SmtpWireReply reply = smtp.send("AUTH CRAM-MD5");
                if (reply.code() != 334) yield reply;
                String challenge = new String(Base64.getMimeDecoder().decode(reply.text().strip()), StandardCharsets.UTF_8);
                yield smtp.send(base64(account.user() + " " + hmacMd5(account.password(), challenge)));
            }
        };
    }

    /** Starts another AUTH exchange without credentials and cancels it with "*" if the server asks for them. */
    public static SmtpWireReply authenticateAgain(SmtpProbe smtp, SmtpAuthMechanism mechanism) {
        SmtpWireReply reply = smtp.send("AUTH " + mechanism.wireName());
        if (reply.code() == 334) smtp.send("*"); // RFC 4954 §4: "*" cancels the exchange
        return reply;
    }

    private static String base64(String text) {
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
