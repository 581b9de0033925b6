package io.mailharness.gatling.netty;

import io.mailharness.client.SmtpReply;
import io.mailharness.settings.Account;
import io.mailharness.settings.SmtpAuthMechanism;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The client's side of one SMTP AUTH exchange (RFC 4954): the command with its initial response where the mechanism
 * has one, then an answer to each 334 challenge. PLAIN (RFC 4616) sends everything at once; LOGIN answers the user
 * name and password prompts; CRAM-MD5 (RFC 2195) answers the challenge with an HMAC-MD5 of it. What it sends never
 * leaves this class other than on the wire.
 */
final class SmtpAuth {
    private final SmtpAuthMechanism mechanism;
    private final Account account;
    private int answered;

    SmtpAuth(SmtpAuthMechanism mechanism, Account account) {
        this.mechanism = mechanism;
        this.account = account;
    }

    /** The AUTH command line, without CRLF: verb and arguments. */
    String[] command() {
        return switch (mechanism) {
            case PLAIN -> new String[] {"AUTH PLAIN ", base64("\0" + account.user() + "\0" + account.password())};
            case LOGIN -> new String[] {"AUTH LOGIN", ""};
            case CRAM_MD5 -> new String[] {"AUTH CRAM-MD5", ""};
        };
    }

    /** The answer to a 334 challenge, or null when the mechanism has nothing more to say (the reply then ends the step). */
    String answer(SmtpReply challenge) {
        answered++;
        return switch (mechanism) {
            case PLAIN -> null;
            case LOGIN -> answered == 1 ? base64(account.user()) : answered == 2 ? base64(account.password()) : null;
            case CRAM_MD5 -> answered == 1 ? base64(account.user() + " " + hmacMd5Hex(account.password(), decodedChallenge(challenge))) : null;
        };
    }

    private static String decodedChallenge(SmtpReply reply) {
        String text = reply.lines().isEmpty() || reply.lines().get(0).length() < 4 ? "" : reply.lines().get(0).substring(4).strip();
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // answered anyway: the server's 5xx to the answer is the step's reply
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmacMd5Hex(String key, String challenge) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 missing from this JDK", e);
        }
    }
}
