package io.mailharness.conformance.wire;

import io.mailharness.protocol.SaslResponses;
import io.mailharness.settings.Account;
import io.mailharness.settings.SmtpAuthMechanism;

/**
 * SASL exchanges the probes speak: the PLAIN message (RFC 4616), and SMTP AUTH (RFC 4954) with the mechanism
 * the target settings name (PLAIN, LOGIN, CRAM-MD5). Credentials never reach a step name: the probes mask them.
 */
public final class Sasl {
    private Sasl() {}

    /** The SASL PLAIN message for a login, base64: {@code NUL user NUL password}. */
    public static String plain(String user, String password) {
        return SaslResponses.plain(user, password);
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
                reply = smtp.send(SaslResponses.login(account.user()));
                yield reply.code() == 334 ? smtp.send(SaslResponses.login(account.password())) : reply;
            }
            case CRAM_MD5 -> {
                SmtpWireReply reply = smtp.send("AUTH CRAM-MD5");
                if (reply.code() != 334) yield reply;
                yield smtp.send(SaslResponses.cramMd5(account.user(), account.password(), reply.text()));
            }
        };
    }

    /** Starts another AUTH exchange without credentials and cancels it with "*" if the server asks for them. */
    public static SmtpWireReply authenticateAgain(SmtpProbe smtp, SmtpAuthMechanism mechanism) {
        SmtpWireReply reply = smtp.send("AUTH " + mechanism.wireName());
        if (reply.code() == 334) smtp.send("*"); // RFC 4954 §4: "*" cancels the exchange
        return reply;
    }
}
