package io.mailharness.protocol;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What a client answers in a SASL exchange (RFC 4954 for SMTP, RFC 5034 for POP3), base64 as it goes on the wire:
 * PLAIN (RFC 4616), the two LOGIN prompts, and CRAM-MD5 (RFC 2195). The one place these answers are computed.
 */
public final class SaslResponses {
    private SaslResponses() {}

    /** The PLAIN message {@code NUL user NUL password}. */
    public static String plain(String user, String password) {
        return base64("\0" + user + "\0" + password);
    }

    /** A LOGIN answer (the user name, then the password). */
    public static String login(String answer) {
        return base64(answer);
    }

    /**
     * The CRAM-MD5 answer to a challenge as the server sent it (base64): the user, a space and the HMAC-MD5 of the
     * decoded challenge keyed with the password, in hex. A challenge that is not base64 is answered as it stands:
     * the server's reply to the answer then says what it thinks of it.
     */
    public static String cramMd5(String user, String password, String challengeBase64) {
        String challenge;
        try {
            challenge = new String(Base64.getMimeDecoder().decode(challengeBase64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            challenge = challengeBase64.strip();
        }
        return base64(user + " " + cramMd5Digest(password, challenge));
    }

    /** The CRAM-MD5 digest of a decoded challenge: HMAC-MD5 keyed with the password, lower-case hex (what a server checks). */
    public static String cramMd5Digest(String password, String challenge) {
        return hmacMd5Hex(password, challenge);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmacMd5Hex(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is missing from this JDK", e);
        }
    }
}
